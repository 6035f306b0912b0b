import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

test('a thread message is stored before Slack receives the ack: nothing acked is ever lost', async () => {
  await h.slack.command('U_CUST', 'new Monitor flickers');
  await h.fake.waitFor('chat.postMessage', isCardOf(1));
  const [{ thread_id: thread }] = await eventually(async () => {
    const rows = await h.sql('SELECT thread_id FROM tickets WHERE number = 1 AND thread_id IS NOT NULL');
    return rows.length ? rows : null;
  });
  for (let i = 1; i <= 20; i++) {
    const ts = `1784000000.${String(i).padStart(6, '0')}`;
    const res = await h.slack.message('U_CUST', 'C_GENERAL', ts, `detail ${i}`, { thread_ts: thread });
    expect(res.status).toBe(200);
    // Read straight after the ack: no waiting, no polling.
    const stored = await h.sql('SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = $1', [ts]);
    expect(stored[0].n).toBe(1);
  }
});
