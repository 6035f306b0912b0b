import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

test('a thread message is stored before Slack receives the ack: nothing acked is ever lost', async () => {
  const { thread } = await h.openTicket({ title: 'Monitor flickers' });
  for (let i = 1; i <= 20; i++) {
    const ts = `1784000000.${String(i).padStart(6, '0')}`;
    const res = await h.slack.message('U_CUST', 'C_GENERAL', ts, `detail ${i}`, { thread_ts: thread });
    expect(res.status).toBe(200);
    // Read straight after the ack: no waiting, no polling.
    const stored = await h.sql('SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = $1', [ts]);
    expect(stored[0].n).toBe(1);
  }
});

test('replies arriving at once are each stored before their own ack', async () => {
  const { thread } = await h.openTicket();
  const tss = Array.from({ length: 40 }, (_, i) => `1784000001.${String(i).padStart(6, '0')}`);
  const responses = await Promise.all(tss.map((ts, i) => h.slack.message('U_CUST', 'C_GENERAL', ts, `burst ${i}`, { thread_ts: thread })
    .then(async (res) => ({ status: res.status, text: res.text, stored: (await h.sql('SELECT 1 FROM ticket_messages WHERE platform_message_id = $1', [ts])).length }))));
  expect(responses.filter((r) => r.status !== 200 || r.stored !== 1)).toEqual([]);
});

test('a reply the database refuses is answered 500, so Slack retries it, and the retry stores it', async () => {
  const { thread } = await h.openTicket();
  await h.sql(`ALTER TABLE ticket_messages ADD CONSTRAINT refuse_for_test CHECK (text <> 'refused once')`);
  const first = await h.slack.message('U_CUST', 'C_GENERAL', '1784000002.000001', 'refused once', { thread_ts: thread }, { eventId: 'EvREFUSED' });
  expect(first.status).toBe(500);
  expect(first.text).not.toMatch(/constraint|at \//);
  await h.sql('ALTER TABLE ticket_messages DROP CONSTRAINT refuse_for_test');
  const retry = await h.slack.message('U_CUST', 'C_GENERAL', '1784000002.000001', 'refused once', { thread_ts: thread }, { eventId: 'EvREFUSED', retryNum: 1 });
  expect(retry.status).toBe(200);
  expect(await h.sql(`SELECT 1 FROM ticket_messages WHERE platform_message_id = '1784000002.000001'`)).toHaveLength(1);
});

test('an event whose listener fails is answered 500 and stays claimable, so Slack\'s retry is handled', async () => {
  const message = h.fake.addMessage('C_GENERAL', { ts: '1784000003.000001', user: 'U_CUST', text: 'Fan is loud' });
  const item = { type: 'message', channel: 'C_GENERAL', ts: message.ts };
  const reaction = { type: 'reaction_added', user: 'U_AGENT', reaction: 'ticket', item, item_user: 'U_CUST', event_ts: '3' };
  await h.sql(`ALTER TABLE tickets ADD CONSTRAINT refuse_for_test CHECK (title <> 'Fan is loud')`);
  expect((await h.slack.event(reaction, { eventId: 'EvFAILS' })).status).toBe(500);
  await h.sql('ALTER TABLE tickets DROP CONSTRAINT refuse_for_test');
  expect((await h.slack.event(reaction, { eventId: 'EvFAILS', retryNum: 1 })).status).toBe(200);
  expect(await h.sql(`SELECT 1 FROM tickets WHERE title = 'Fan is loud'`)).toHaveLength(1);
});
