import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

const ticketCount = async () => Number((await h.sql('SELECT count(*) AS n FROM tickets'))[0].n);
const form = (text: string) => new URLSearchParams({ team_id: 'T1', user_id: 'U_CUST', channel_id: 'C1', command: '/ticket', text }).toString();

test('a missing or wrong signature gets 401 and changes nothing', async () => {
  const body = form('new Sneaky');
  expect((await h.slack.raw(body, 'application/x-www-form-urlencoded', {}, false)).status).toBe(401);
  expect((await h.slack.raw(body, 'application/x-www-form-urlencoded', {}, { secret: 'wrong-secret' })).status).toBe(401);
  expect((await h.slack.raw(body, 'application/x-www-form-urlencoded', { 'x-slack-signature': 'v0=00' })).status).toBe(401);
  expect(await ticketCount()).toBe(0);
});

test('a timestamp more than five minutes old gets 401 and changes nothing', async () => {
  const stale = Math.floor(Date.now() / 1000) - 6 * 60;
  const r = await h.slack.raw(form('new Replayed'), 'application/x-www-form-urlencoded', {}, { timestamp: stale });
  expect(r.status).toBe(401);
  expect(await ticketCount()).toBe(0);
});

test('malformed bodies get a 4xx and the server keeps working', async () => {
  expect((await h.slack.raw('{not json', 'application/json')).status).toBe(400);
  expect((await h.slack.raw('payload=%7Bbroken', 'application/x-www-form-urlencoded')).status).toBe(400);
  expect((await h.slack.raw(JSON.stringify({ hello: 'world' }), 'application/json')).status).toBe(400);
  expect((await h.slack.raw('', 'application/json')).status).toBe(400);
  const ok = await h.slack.command('U_CUST', 'help');
  expect(ok.status).toBe(200);
  expect(ok.json.text).toContain('/ticket');
});

test('a command with required fields missing gets a clear line, not a crash', async () => {
  const r = await h.slack.raw(new URLSearchParams({ command: '/ticket', text: 'list' }).toString(), 'application/x-www-form-urlencoded');
  expect(r.status).toBe(200);
  expect(r.json.response_type).toBe('ephemeral');
  expect(r.json.text).toContain('/ticket');
});

test('url_verification is answered with the challenge', async () => {
  const r = await h.slack.raw(JSON.stringify({ type: 'url_verification', challenge: 'abc123', token: 't' }), 'application/json');
  expect(r.status).toBe(200);
  expect(r.json).toEqual({ challenge: 'abc123' });
});

test('a retried event (X-Slack-Retry-Num, same event_id) is acknowledged and changes nothing', async () => {
  const { id, thread } = await h.openTicket({ title: 'Retry me' });
  const reply = { thread_ts: thread };
  const history = () => h.sql(`SELECT text FROM ticket_messages WHERE ticket_id = $1`, [id]);
  const first = await h.slack.message('U_CUST', 'C_GENERAL', '1790000000.000001', 'first reply', reply, { eventId: 'EvRETRY1' });
  expect(first.status).toBe(200);
  await eventually(async () => (await history()).length === 1, 'the reply stored');
  const retry = await h.slack.message('U_CUST', 'C_GENERAL', '1790000000.000001', 'first reply', reply, { eventId: 'EvRETRY1', retryNum: 1 });
  expect(retry.status).toBe(200);
  // Same message ts under a different event id (Slack's own duplicate) is also recorded once.
  const duplicate = await h.slack.message('U_CUST', 'C_GENERAL', '1790000000.000001', 'first reply', reply, { eventId: 'EvRETRY2', retryNum: 2 });
  expect(duplicate.status).toBe(200);
  // A message event is acknowledged only once it has been handled, so the history is final here.
  expect(await history()).toEqual([{ text: 'first reply' }]);
  const events = await h.sql(`SELECT type FROM ticket_events WHERE ticket_id = $1 ORDER BY created_at`, [id]);
  expect(events.map((e: { type: string }) => e.type)).toEqual(['created']);
});

test('a retried :ticket: reaction (same event_id) opens one ticket, not two', async () => {
  const message = h.fake.addMessage('C_GENERAL', { ts: '1790000000.000900', user: 'U_CUST', text: 'Disk full' });
  const item = { type: 'message', channel: 'C_GENERAL', ts: message.ts };
  const reaction = { type: 'reaction_added', user: 'U_AGENT', reaction: 'ticket', item, item_user: 'U_CUST', event_ts: '9' };
  expect((await h.slack.event(reaction, { eventId: 'EvREACT1' })).status).toBe(200);
  expect((await h.slack.event(reaction, { eventId: 'EvREACT1', retryNum: 1 })).status).toBe(200);
  await eventually(async () => (await h.sql(`SELECT 1 FROM tickets WHERE title = 'Disk full'`)).length === 1, 'the ticket');
  expect((await h.sql(`SELECT event_id FROM processed_events WHERE event_id = 'EvREACT1'`))).toHaveLength(1);
  expect((await h.sql(`SELECT count(*)::int AS n FROM tickets WHERE title = 'Disk full'`))[0].n).toBe(1);
});

test('auth.test is called once at start, not on every request', async () => {
  for (let i = 0; i < 5; i++) await h.slack.command('U_CUST', 'list');
  expect(h.fake.callsOf('auth.test')).toHaveLength(1);
});

test('the bot\'s own messages and bot messages are ignored', async () => {
  const { id, thread } = await h.openTicket();
  await h.slack.message('U_CUST', 'C_GENERAL', '1790000000.000049', 'a person first', { thread_ts: thread });
  await h.slack.message('U_BOT', 'C_GENERAL', '1790000000.000050', 'from the bot', { thread_ts: thread });
  await h.slack.event({ type: 'message', subtype: 'bot_message', bot_id: 'B_OTHER', channel: 'C_GENERAL', text: 'beep', ts: '1790000000.000051', thread_ts: thread });
  await h.slack.message('U_CUST', 'C_GENERAL', '1790000000.000052', 'a person again', { thread_ts: thread });
  await eventually(async () => (await h.sql(`SELECT 1 FROM ticket_messages WHERE ticket_id = $1 AND text = 'a person again'`, [id])).length === 1, 'the last reply');
  const messages = await h.sql(`SELECT text FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at`, [id]);
  expect(messages.map((m: { text: string }) => m.text)).toEqual(['a person first', 'a person again']);
});
