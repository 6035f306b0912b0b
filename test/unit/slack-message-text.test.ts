import { mentionedIds, mrkdwnFromSlack, plainFromSlack } from '../../src/slack/views/message-text';

const names = new Map([['U1', 'Ana'], ['U2', 'Bruno']]);

test('plain text: names for mentions, link labels, characters for entities', () => {
  expect(plainFromSlack('<@U1> ask <@U2|bruno.s> in <#C9|general>: <https://x.example/a|the doc> &amp; <https://y.example> &lt;3 <!here>', names))
    .toBe('@Ana ask @Bruno in #general: the doc & https://y.example <3 @here');
  expect(mentionedIds('<@U1> and <@W2|x>')).toEqual(['U1', 'W2']);
});

test('quoted mrkdwn keeps people, channels and links live, never notifies a group, escapes the rest', () => {
  expect(mrkdwnFromSlack('<@U1> see <https://x.example/a|a &lt;b&gt;> &amp; <!channel> <!subteam^S1|@ops> 1 &lt; 2'))
    .toBe('<@U1> see <https://x.example/a|a &lt;b&gt;> &amp; @channel @ops 1 &lt; 2');
});
