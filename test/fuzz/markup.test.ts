import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../support/slack-harness';
import { AGENT, channelCommand, CUSTOMER, postActivity } from '../support/teams-app';

/**
 * A person's words never speak for the bot: what reached the fake Slack API and the fake Bot
 * Connector is inspected for every kind of post that can carry a title or a command's words.
 */
let h: SlackHarness;
const connector = new FakeBotConnector();
const EVIL = '<!channel> <@U_BOSS> <https://evil.example|click> & co';
const ESCAPED = '&lt;!channel&gt; &lt;@U_BOSS&gt; &lt;https://evil.example|click&gt; &amp; co';
/** Raw Slack markup that only a person could have put there (U_BOSS never acts: any mention of them came from the title). */
const RAW = /<!channel>|<@U_BOSS>|<https:\/\/evil/;

beforeAll(async () => {
  await connector.start();
  h = await startSlackHarness({ AGENTS: `slack:U_AGENT,teams:${AGENT.id}` });
  await h.slack.command('U_CUST', `new ${EVIL}`, 'C_MARKUP');
  await h.fake.waitFor('chat.postMessage', isCardOf(1));
  await eventually(async () => (await h.sql('SELECT 1 FROM tickets WHERE number = 1 AND thread_id IS NOT NULL')).length > 0);
}, 120_000);
afterAll(async () => {
  await h.stop();
  await connector.stop();
});

const everything = (body: unknown) => JSON.stringify(body);

test('Slack card: the title is escaped in the text field (notifications) and in the blocks', async () => {
  const card = await h.fake.waitFor('chat.postMessage', isCardOf(1));
  expect(card.body.text).toContain(ESCAPED);
  expect(card.body.text).not.toMatch(RAW);
  expect(everything(card.body.blocks)).not.toMatch(RAW);
});

test('Slack status notice and card update: escaped', async () => {
  await h.slack.command('U_AGENT', 'close #1', 'C_MARKUP');
  const update = await h.fake.waitFor('chat.update', (c) => String(c.body.text).startsWith('#1 '));
  expect(update.body.text).not.toMatch(RAW);
  expect(everything(update.body.blocks)).not.toMatch(RAW);
  for (const post of h.fake.callsOf('chat.postMessage')) {
    expect(String(post.body.text)).not.toMatch(RAW);
    expect(everything(post.body.blocks)).not.toMatch(RAW);
  }
});

test('Slack command answers (list, show, an unknown command, help): escaped, placeholders too', async () => {
  const list = await h.slack.command('U_CUST', 'list all', 'C_MARKUP');
  const show = await h.slack.command('U_CUST', 'show #1', 'C_MARKUP');
  const unknown = await h.slack.command('U_CUST', '<!here> hi', 'C_MARKUP');
  const help = await h.slack.command('U_CUST', 'help', 'C_MARKUP');
  for (const r of [list, show, unknown, help]) {
    expect(r.json.text).not.toMatch(/<!here>|<!channel>|<@U_BOSS>|<https:\/\/evil|<title>/);
    expect(everything(r.json.blocks)).not.toMatch(/<!here>|<!channel>|<https:\/\/evil|<title>/);
  }
  expect(list.json.text).toContain(ESCAPED);
  expect(unknown.json.text).toContain('&lt;!here&gt;');
  expect(help.json.text).toContain('&lt;title&gt;');
});

test('Slack App Home: titles escaped; the empty Home escapes its placeholder', async () => {
  await h.slack.event({ type: 'app_home_opened', user: 'U_CUST', channel: 'D1', tab: 'home' });
  const home = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_CUST');
  expect(everything(home.body.view)).not.toMatch(RAW);
  await h.slack.event({ type: 'app_home_opened', user: 'U_NOBODY', channel: 'D2', tab: 'home' });
  const empty = await h.fake.waitFor('views.publish', (c) => c.body.user_id === 'U_NOBODY');
  expect(everything(empty.body.view)).not.toContain('<title>');
  expect(everything(empty.body.view)).toContain('&lt;title&gt;');
});

test('Slack reaction hint to a non-agent: its placeholder is escaped', async () => {
  const message = h.fake.addMessage('C_MARKUP', { ts: '1793000000.000001', user: 'U_CUST', text: 'help me' });
  await h.slack.event({
    type: 'reaction_added', user: 'U_CUST', reaction: 'ticket', item: { type: 'message', channel: 'C_MARKUP', ts: message.ts }, item_user: 'U_CUST', event_ts: '1',
  });
  const hint = await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_CUST' && String(c.body.text).includes(':ticket:'));
  expect(hint.body.text).not.toContain('<title>');
  expect(hint.body.text).toContain('&lt;title&gt;');
});

test('Teams card and notices: a title in markdown shows as typed, not as a link or bold', async () => {
  const title = '[click](https://evil.example) **now**';
  await postActivity(h.app, channelCommand(connector, `new ${title}`, { from: CUSTOMER }));
  const card = await eventually(() => connector.calls.find((c) => everything(c.body).includes('evil.example') && everything(c.body).includes('AdaptiveCard')), 'the Teams card');
  const body = everything(card.body);
  expect(body).not.toContain('[click](https://evil.example)');
  expect(body).not.toContain('**now**');
  expect(body).toContain('\\\\[click\\\\]');
});

test('Teams command answers: words a person typed are echoed as typed, not as markdown', async () => {
  const since = connector.calls.length;
  await postActivity(h.app, channelCommand(connector, 'status #1 **boom**', { from: CUSTOMER }));
  const reply = await eventually(() => connector.calls.slice(since).find((c) => String(c.body.text ?? '').includes('boom')), 'the error line');
  expect(String(reply.body.text)).not.toContain('**boom**');
  expect(String(reply.body.text)).toContain('\\*\\*boom\\*\\*');
});
