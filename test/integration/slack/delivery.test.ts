import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

const outbox = (n: number) => h.sql(`SELECT kind, status, attempts, last_error FROM outbox WHERE ticket_number = $1 AND kind = 'ticket_card'`, [n]);

test('a 5xx is retried by the worker until the card is posted once', async () => {
  h.fake.fail('chat.postMessage', { status: 503, channel: 'C_FLAKY' });
  await h.slack.command('U_CUST', 'new Flaky Slack', 'C_FLAKY');
  await eventually(async () => (await outbox(1))[0]?.status === 'sent');
  const [row] = await outbox(1);
  expect(row.attempts).toBe(2);
  expect(h.fake.callsOf('chat.postMessage', isCardOf(1))).toHaveLength(2);
  expect((await h.sql('SELECT thread_id FROM tickets WHERE number = 1'))[0].thread_id).toBeTruthy();
});

test('a 429 is retried honouring Retry-After', async () => {
  h.fake.fail('chat.postMessage', { status: 429, retryAfter: 1, channel: 'C_BUSY' });
  await h.slack.command('U_CUST', 'new Busy Slack', 'C_BUSY');
  await eventually(async () => (await outbox(2))[0]?.status === 'sent', 10_000);
  const attempts = h.fake.callsOf('chat.postMessage', isCardOf(2));
  expect(attempts).toHaveLength(2);
});

test('a post Slack refused with an error is not repeated', async () => {
  h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: 'C_GONE' });
  await h.slack.command('U_CUST', 'new Nowhere', 'C_GONE');
  await eventually(async () => (await outbox(3))[0]?.status === 'dead');
  expect((await outbox(3))[0].last_error).toContain('channel_not_found');
  await new Promise((r) => setTimeout(r, 600));
  expect(h.fake.callsOf('chat.postMessage', isCardOf(3))).toHaveLength(1);
});

test('not_in_channel: the bot joins the public channel and posts again', async () => {
  h.fake.notInChannel.add('C_PUBLIC');
  await h.slack.command('U_CUST', 'new Join me', 'C_PUBLIC');
  await eventually(async () => (await outbox(4))[0]?.status === 'sent');
  expect(h.fake.callsOf('conversations.join', (c) => c.body.channel === 'C_PUBLIC')).toHaveLength(1);
});

test('not_in_channel where the bot cannot join: the person is told, in their language, to invite it; nothing is dropped silently', async () => {
  h.fake.notInChannel.add('G_PRIVATE');
  h.fake.cannotJoin.add('G_PRIVATE');
  h.fake.locales.set('U_PT', 'pt-BR');
  await h.slack.command('U_PT', 'novo Canal privado', 'G_PRIVATE');
  await eventually(async () => (await outbox(5))[0]?.status === 'dead');
  const told = await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_PT' && c.body.channel === 'G_PRIVATE');
  expect(told.body.text).toContain('/invite');
  expect(told.body.text).toContain('Não consegui');
});
