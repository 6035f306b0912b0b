import { outboxRows } from '../../support/outbox-rows';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

/** The card post of ticket #n. */
const outbox = async (n: number) => outboxRows(h.db.dataSource, (await h.ticket(n))!.id, 'ticket_card');
/** `/ticket <text>` in `channel`; the number of the ticket it opened. */
const open = async (user: string, text: string, channel: string) => Number(/#(\d+)/.exec(String((await h.slack.command(user, text, channel)).json?.text))?.[1]);

test('a 5xx is retried by the worker until the card is posted once', async () => {
  h.fake.fail('chat.postMessage', { status: 503, channel: 'C_FLAKY' });
  const n = await open('U_CUST', 'new Flaky Slack', 'C_FLAKY');
  await eventually(async () => (await outbox(n))[0]?.status === 'sent', 'the card sent');
  const [row] = await outbox(n);
  expect(row.attempts).toBe(2);
  expect(h.fake.callsOf('chat.postMessage', isCardOf(n))).toHaveLength(2);
  expect((await h.ticket(n))!.thread_id).toBeTruthy();
});

test('a 429 is retried honouring Retry-After', async () => {
  h.fake.fail('chat.postMessage', { status: 429, retryAfter: 1, channel: 'C_BUSY' });
  const n = await open('U_CUST', 'new Busy Slack', 'C_BUSY');
  await eventually(async () => (await outbox(n))[0]?.status === 'sent', 'the card sent', 10_000);
  const attempts = h.fake.callsOf('chat.postMessage', isCardOf(n));
  expect(attempts).toHaveLength(2);
});

test('a post Slack refused with an error is not repeated', async () => {
  h.fake.fail('chat.postMessage', { error: 'channel_not_found', channel: 'C_GONE' });
  const n = await open('U_CUST', 'new Nowhere', 'C_GONE');
  await eventually(async () => (await outbox(n))[0]?.status === 'dead', 'the card given up');
  expect((await outbox(n))[0].last_error).toContain('channel_not_found');
  await new Promise((r) => setTimeout(r, 600));
  expect(h.fake.callsOf('chat.postMessage', isCardOf(n))).toHaveLength(1);
});

test('not_in_channel: the bot joins the public channel and posts again', async () => {
  h.fake.notInChannel.add('C_PUBLIC');
  const n = await open('U_CUST', 'new Join me', 'C_PUBLIC');
  await eventually(async () => (await outbox(n))[0]?.status === 'sent', 'the card sent');
  expect(h.fake.callsOf('conversations.join', (c) => c.body.channel === 'C_PUBLIC')).toHaveLength(1);
});

test('not_in_channel where the bot cannot join: the person is told, in their language, to invite it; nothing is dropped silently', async () => {
  h.fake.notInChannel.add('G_PRIVATE');
  h.fake.cannotJoin.add('G_PRIVATE');
  h.fake.locales.set('U_PT', 'pt-BR');
  const n = await open('U_PT', 'novo Canal privado', 'G_PRIVATE');
  await eventually(async () => (await outbox(n))[0]?.status === 'dead', 'the card given up');
  const told = await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_PT' && c.body.channel === 'G_PRIVATE');
  expect(told.body.text).toContain('/invite');
  expect(told.body.text).toContain('Não consegui');
});
