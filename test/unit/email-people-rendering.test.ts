import { mention } from '../../src/slack/views/mrkdwn';
import { withMentions } from '../../src/teams/mentions';
import { composeMail } from '../../src/email/outbound/compose';
import { tFor } from '../../src/i18n';

/** An e-mail person is never a chat mention; mail escapes every value it shows. */

test('Slack shows an e-mail person as their escaped address, a Slack user as a mention', () => {
  expect(mention('U123')).toBe('<@U123>');
  expect(mention('email:a<b>&c@example.com')).toBe('a&lt;b&gt;&amp;c@example.com');
  expect(mention('email:ana@example.com')).not.toContain('<@');
});

test('Teams names an e-mail person as text, with no mention entity', () => {
  const out = withMentions({ person: 'email:ana@example.com', actor: '29:agent' }, new Map([['29:agent', 'Agent Bo']]), ['email:ana@example.com']);
  expect(out.params.person).toBe('ana@example.com');
  expect(out.params.actor).toBe('<at>Agent Bo</at>');
  expect(out.entities.map((e) => e.mentioned.id)).toEqual(['29:agent']);
  expect(out.prefix).toBe('');
});

test('a mail escapes the title, the names and the words in HTML, and lists files by name with a link to the ticket page', () => {
  const mail = composeMail({
    ticket: { number: 7, title: '<img src=x onerror=alert(1)> & co', status: 'open' },
    content: { type: 'message', authorId: 'U1', text: 'Look <@U2>: <https://x.example/a?b=1&amp;c=2|the "doc">', files: [{ name: '<evil>.pdf', type: null, url: 'https://files.slack.com/x', size: 3 }] },
    t: tFor('en'),
    lang: 'en',
    name: (id) => (id === 'U1' ? 'Bo "the" <Agent>' : 'Cy'),
    ticketUrl: 'https://help.example/tickets/7',
  });
  expect(mail.subject).toBe('[#7] <img src=x onerror=alert(1)> & co');
  expect(mail.fromName).toBe('Bo "the" <Agent>');
  expect(mail.html).not.toMatch(/<img|<evil>|<Agent>/);
  expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt; &amp; co');
  expect(mail.html).toContain('<strong>@Cy</strong>');
  expect(mail.html).toContain('href="https://x.example/a?b=1&amp;c=2"');
  expect(mail.html).toContain('&lt;evil&gt;.pdf');
  expect(mail.text).toContain('Look @Cy: the "doc" (https://x.example/a?b=1&c=2)');
  expect(mail.text).toContain('- <evil>.pdf: https://help.example/tickets/7');
});

test('a mail\'s words (an e-mail person\'s) are plain text in the mails they cause: no chat markup is read in them', () => {
  const mail = composeMail({
    ticket: { number: 8, title: 'Plain', status: 'open' },
    content: { type: 'message', authorId: 'email:vera@customer.example', text: 'a &lt; b and <https://x.example|click> <@U1>', files: [] },
    t: tFor('pt-BR'),
    lang: 'pt-BR',
    name: (id) => id.replace(/^email:/, ''),
    ticketUrl: 'https://help.example/tickets/8',
  });
  expect(mail.fromName).toBe('vera@customer.example');
  expect(mail.text).toContain('vera@customer.example escreveu:');
  expect(mail.text).toContain('a &lt; b and <https://x.example|click> <@U1>');
  expect(mail.html).toContain('a &amp;lt; b and &lt;https://x.example|click&gt; &lt;@U1&gt;');
  expect(mail.html).not.toContain('href="https://x.example"');
});
