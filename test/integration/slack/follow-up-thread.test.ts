import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * Contract §3: a message in a Closed ticket's thread opens one follow-up; while that follow-up is
 * not closed, later messages there, whoever writes them, join it and are copied into its thread.
 */
let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

let seq = 0;
const nextTs = () => `1784000000.${String(++seq).padStart(6, '0')}`;
const ticket = async (title: string) => (await h.sql('SELECT id, number, status, thread_id FROM tickets WHERE title = $1', [title]))[0];
const threadOf = (title: string) => eventually(async () => (await ticket(title))?.thread_id as string | undefined);
const followUpsOf = (id: string) => h.sql('SELECT id, number, title, status FROM tickets WHERE follow_up_of = $1 ORDER BY number', [id]);
const historyOf = async (id: string) => (await h.sql('SELECT text FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at', [id])).map((r: { text: string }) => r.text);

async function closedTicket(title: string) {
  await h.slack.command('U_CUST', `new ${title}`);
  const thread = await threadOf(title);
  await h.slack.command('U_AGENT', `close #${(await ticket(title)).number}`);
  await eventually(async () => (await ticket(title)).status === 'closed');
  return { ...(await ticket(title)), thread };
}

test('later messages in the closed thread, from anyone, join the one follow-up and are relayed into its thread', async () => {
  const original = await closedTicket('VPN drops every hour');
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'It happens again', { thread_ts: original.thread });
  const [followUp] = await eventually(async () => { const f = await followUpsOf(original.id); return f.length === 1 ? f : null; });

  await h.slack.message('U_AGENT', 'C_GENERAL', nextTs(), 'Which office are you in?', { thread_ts: original.thread });
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'Lisbon, see https://status.example/vpn', {
    thread_ts: original.thread, files: [{ name: 'trace.txt', mimetype: 'text/plain', url_private: 'https://files.example/trace.txt', size: 3 }],
  });
  await eventually(async () => (await historyOf(followUp.id)).length === 3);

  expect(await followUpsOf(original.id)).toHaveLength(1);
  expect(await historyOf(followUp.id)).toEqual(['It happens again', 'Which office are you in?', 'Lisbon, see https://status.example/vpn']);
  expect(await historyOf(original.id)).toEqual([]);
  const followUpThread = await eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE id = $1', [followUp.id]))[0].thread_id as string | null);
  const relayed = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === followUpThread && String(c.body.text).includes('Lisbon'));
  expect(relayed.body.text).toContain('<@U_CUST>');
  expect(relayed.body.text).toContain(`#${original.number}`);
  expect(relayed.body.text).toContain('https://files.example/trace.txt');
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === followUpThread && String(c.body.text).includes('Which office are you in?'));
  // Only the first message is announced in the closed thread: one follow-up, one notice.
  const namesFollowUp = (c: { body: Record<string, unknown> }) => c.body.thread_ts === original.thread && String(c.body.text).includes(`#${followUp.number}`);
  await h.fake.waitFor('chat.postMessage', namesFollowUp);
  expect(h.fake.callsOf('chat.postMessage', namesFollowUp)).toHaveLength(1);
  expect((await h.sql(`SELECT count(*)::int AS n FROM outbox WHERE kind = 'ticket_card' AND payload->>'ticketId' = $1`, [followUp.id]))[0].n).toBe(1);
});

test('messages arriving together in a closed thread open one follow-up between them', async () => {
  const original = await closedTicket('Printer offline again');
  await Promise.all(['one', 'two', 'three', 'four'].map((word) => h.slack.message('U_CUST', 'C_GENERAL', nextTs(), `still broken ${word}`, { thread_ts: original.thread })));
  const [followUp] = await eventually(async () => { const f = await followUpsOf(original.id); return f.length > 0 ? f : null; });
  await eventually(async () => (await historyOf(followUp.id)).length === 4);
  expect(await followUpsOf(original.id)).toHaveLength(1);
});

test('once the follow-up is closed, the next message opens a new one', async () => {
  const original = await closedTicket('Badge reader beeps');
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'beeping again', { thread_ts: original.thread });
  const [first] = await eventually(async () => { const f = await followUpsOf(original.id); return f.length === 1 ? f : null; });
  await h.slack.command('U_AGENT', `close #${first.number}`);
  await eventually(async () => (await followUpsOf(original.id))[0].status === 'closed');
  await h.slack.message('U_CUST', 'C_GENERAL', nextTs(), 'and again', { thread_ts: original.thread });
  const both = await eventually(async () => { const f = await followUpsOf(original.id); return f.length === 2 ? f : null; });
  expect(await historyOf(both[1].id)).toEqual(['and again']);
  expect(await historyOf(first.id)).toEqual(['beeping again']);
});
