import { permalinkOf } from '../../fakes/fake-slack-api';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * Contract §5 after a split: the summary names every ticket with its title and link; a later
 * message in that thread joins no ticket, is kept, and its writer is told privately where each
 * problem continues; an agent files such a message with "Add to ticket".
 */
let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness(); });
afterAll(async () => { await h.stop(); });

const ROOT = '1786000000.000100';
const thread = [
  { ts: ROOT, user: 'U_ANA', text: 'The printer jams and my badge does not work', thread_ts: ROOT, reply_count: 2 },
  { ts: '1786000000.000200', user: 'U_ANA', text: 'printer: tray 2', thread_ts: ROOT },
  { ts: '1786000000.000300', user: 'U_BEN', text: 'badge: since Monday', thread_ts: ROOT },
];
const LATE = { ts: '1786000000.000900', text: 'the printer is making noise too, see https://photos.example/p1', files: [{ name: 'noise.mp3', mimetype: 'audio/mpeg', url_private: 'https://files.example/noise.mp3', size: 5 }] };

const LATE_MESSAGE = { ...LATE, user: 'U_ANA', thread_ts: ROOT };

const threadOf = (n: number) => eventually(async () => (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | undefined);
const historyOf = async (n: number) => (await h.sql(
  'SELECT m.text, m.attachments FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.number = $1 ORDER BY m.posted_at',
  [n],
));

beforeAll(async () => {
  for (const m of thread) h.fake.addMessage('C_HELP', m);
  await h.slack.messageShortcut('split_conversation', 'U_AGENT', 'C_HELP', thread[1]);
  const modal = await h.fake.waitFor('views.update', (c) => c.body.view?.callback_id === 'split_conversation');
  const values: Record<string, Record<string, unknown>> = {};
  const slots: Record<number, { title: string; ts: string[] }> = {
    1: { title: 'Printer jams', ts: [thread[0].ts, thread[1].ts] },
    2: { title: 'Badge broken', ts: [thread[2].ts] },
  };
  for (let k = 1; k <= 5; k++) {
    values[`title_${k}`] = { [`title_${k}`]: { type: 'plain_text_input', value: slots[k]?.title ?? null } };
    values[`messages_${k}`] = { [`messages_${k}`]: { type: 'multi_static_select', selected_options: (slots[k]?.ts ?? []).map((value) => ({ value })) } };
  }
  const r = await h.slack.viewSubmission('U_AGENT', { callback_id: 'split_conversation', private_metadata: modal.body.view.private_metadata, values });
  expect(r.status).toBe(200);
});

test('the split summary names each new ticket with its title and a link to its card', async () => {
  const [one, two] = [await threadOf(1), await threadOf(2)];
  const summary = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ROOT && c.body.channel === 'C_HELP');
  expect(summary.body.text).toContain(`<${permalinkOf('C_HELP', one)}|#1> Printer jams`);
  expect(summary.body.text).toContain(`<${permalinkOf('C_HELP', two)}|#2> Badge broken`);
});

test('a later message in the split thread joins no ticket, is kept, and its writer is told privately where each problem continues', async () => {
  const one = await threadOf(1);
  await h.slack.message('U_ANA', 'C_HELP', LATE.ts, LATE.text, { thread_ts: ROOT, files: LATE.files });
  const told = await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_ANA' && c.body.channel === 'C_HELP');
  expect(told.body.thread_ts).toBe(ROOT);
  expect(told.body.text).toContain(`<${permalinkOf('C_HELP', one)}|#1> Printer jams`);
  expect(told.body.text).toContain('Badge broken');
  expect((await h.sql('SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = $1', [LATE.ts]))[0].n).toBe(0);
  expect((await h.sql('SELECT author_id, thread_id FROM conversation_messages WHERE message_id = $1', [LATE.ts]))).toEqual([{ author_id: 'U_ANA', thread_id: ROOT }]);
});

test('a non-agent is told privately that only agents can add a message to a ticket; nothing opens, nothing is added', async () => {
  const opened = h.fake.callsOf('views.open').length;
  await h.slack.messageShortcut('add_to_ticket', 'U_ANA', 'C_HELP', LATE_MESSAGE);
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_ANA' && String(c.body.text).includes('Only support agents'));
  expect(h.fake.callsOf('views.open')).toHaveLength(opened);
  const forged = await h.slack.viewSubmission('U_ANA', {
    callback_id: 'add_to_ticket',
    private_metadata: JSON.stringify({ c: 'C_HELP', ts: LATE.ts }),
    values: { ticket: { ticket: { type: 'plain_text_input', value: '1' } } },
  });
  expect(forged.json.response_action).toBe('errors');
  expect((await historyOf(1)).map((m: { text: string }) => m.text)).not.toContain(LATE.text);
});

test('"Add to ticket": the message, its files and links join that ticket\'s history and are relayed into its thread', async () => {
  await h.slack.messageShortcut('add_to_ticket', 'U_AGENT', 'C_HELP', LATE_MESSAGE);
  const modal = await h.fake.waitFor('views.open', (c) => c.body.view?.callback_id === 'add_to_ticket');
  const input = modal.body.view.blocks.find((b: { block_id?: string }) => b.block_id === 'ticket');
  expect(input).toMatchObject({ type: 'input', element: { type: 'plain_text_input', action_id: 'ticket' } });

  const bad = await h.slack.viewSubmission('U_AGENT', {
    callback_id: 'add_to_ticket',
    private_metadata: modal.body.view.private_metadata,
    values: { ticket: { ticket: { type: 'plain_text_input', value: 'printer' } } },
  });
  expect(bad.json.response_action).toBe('errors');
  expect(Object.keys(bad.json.errors)).toEqual(['ticket']);

  await h.slack.command('U_AGENT', 'close #1');
  await eventually(async () => (await h.sql('SELECT status FROM tickets WHERE number = 1'))[0].status === 'closed');
  const ok = await h.slack.viewSubmission('U_AGENT', {
    callback_id: 'add_to_ticket',
    private_metadata: modal.body.view.private_metadata,
    values: { ticket: { ticket: { type: 'plain_text_input', value: '#1' } } },
  });
  expect(ok.status).toBe(200);
  expect(ok.text).toBe('');
  const added = (await historyOf(1)).find((m: { text: string }) => m.text === LATE.text);
  expect(added.attachments).toEqual({ files: [{ name: 'noise.mp3', type: 'audio/mpeg', url: 'https://files.example/noise.mp3', size: 5 }], links: ['https://photos.example/p1'] });
  expect((await h.sql('SELECT status FROM tickets WHERE number = 1'))[0].status).toBe('closed');
  const one = await threadOf(1);
  const relayed = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === one && String(c.body.text).includes('making noise'));
  expect(relayed.body.text).toContain('<@U_AGENT>');
  expect(relayed.body.text).toContain('<@U_ANA>');
  expect(relayed.body.text).toContain('https://files.example/noise.mp3');
});
