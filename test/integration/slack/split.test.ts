import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness();
  // Profiles are read once and cached, so they are in place before the first request.
  h.fake.profiles.set('U_AGENT', { name: 'Agatha', tz: 'America/Sao_Paulo' });
  h.fake.profiles.set('UCLARA', { name: 'Clara' });
  h.fake.profiles.set('UDAVI', { name: 'Davi' });
});
afterAll(async () => { await h.stop(); });

const ROOT = '1782000000.000100';
const thread = [
  { ts: ROOT, user: 'U_ANA', text: 'Two things: the printer jams and my badge does not open the door', thread_ts: ROOT, reply_count: 3 },
  { ts: '1782000000.000200', user: 'U_ANA', text: 'printer: paper jam on tray 2', thread_ts: ROOT },
  { ts: '1782000000.000300', user: 'U_BEN', text: 'badge: mine too since Monday ' + 'b'.repeat(200), thread_ts: ROOT },
  { ts: '1782000000.000400', user: 'U_AGENT', text: 'looking into both', thread_ts: ROOT },
];

async function openSplit(userId: string, message: { ts: string }) {
  const before = h.fake.callsOf('views.update').length;
  await h.slack.messageShortcut('split_conversation', userId, 'C_HELP', message);
  await h.fake.waitFor('views.update', () => h.fake.callsOf('views.update').length > before);
  return h.fake.callsOf('views.update')[before].body;
}

const submit = (meta: string, slots: Record<number, { title?: string; ts?: string[] }>) => {
  const values: Record<string, Record<string, unknown>> = {};
  for (let k = 1; k <= 5; k++) {
    values[`title_${k}`] = { [`title_${k}`]: { type: 'plain_text_input', value: slots[k]?.title ?? null } };
    values[`messages_${k}`] = { [`messages_${k}`]: { type: 'multi_static_select', selected_options: (slots[k]?.ts ?? []).map((value) => ({ value })) } };
  }
  return h.slack.viewSubmission('U_AGENT', { callback_id: 'split_conversation', private_metadata: meta, values });
};

beforeAll(() => { for (const m of thread) h.fake.addMessage('C_HELP', m); });

test('split_conversation lists the thread\'s messages in five slots (title_k then messages_k)', async () => {
  const { view, view_id } = await openSplit('U_AGENT', thread[1]);
  expect(view_id).toBeTruthy();
  expect(view.callback_id).toBe('split_conversation');
  const ids = view.blocks.filter((b: { type: string }) => b.type === 'input').map((b: { block_id: string }) => b.block_id);
  expect(ids).toEqual(['title_1', 'messages_1', 'title_2', 'messages_2', 'title_3', 'messages_3', 'title_4', 'messages_4', 'title_5', 'messages_5']);
  const picker = view.blocks.find((b: { block_id: string }) => b.block_id === 'messages_1').element;
  expect(picker.action_id).toBe('messages_1');
  expect(picker.options.map((o: { value: string }) => o.value)).toEqual(thread.map((m) => m.ts));
  for (const o of picker.options) expect(o.text.text.length).toBeLessThanOrEqual(75);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
});

test('the options show the time in the viewer\'s time zone, the author\'s name and names for mentions', async () => {
  const root = '1782000600.000100';
  const first = h.fake.addMessage('C_TZ', { ts: root, user: 'UCLARA', text: 'is <@UDAVI> seeing this &amp; that?', thread_ts: root, reply_count: 1 });
  h.fake.addMessage('C_TZ', { ts: '1782000660.000100', user: 'UDAVI', text: 'yes, see <https://status.example.com|the status page>', thread_ts: root });
  const before = h.fake.callsOf('views.update').length;
  await h.slack.messageShortcut('split_conversation', 'U_AGENT', 'C_TZ', first);
  await h.fake.waitFor('views.update', () => h.fake.callsOf('views.update').length > before);
  const { view } = h.fake.callsOf('views.update')[before].body;
  const texts = view.blocks.find((b: { block_id: string }) => b.block_id === 'messages_1').element.options.map((o: { text: { text: string } }) => o.text.text);
  // 1782000600 is 00:10 UTC on 2026-06-21, 21:10 the evening before in São Paulo.
  expect(texts).toEqual(['21:10 Clara: is @Davi seeing this & that?', '21:11 Davi: yes, see the status page']);
});

test('errors are shown next to their field: a titled slot without messages, no slot at all', async () => {
  const { view } = await openSplit('U_AGENT', thread[0]);
  const none = await submit(view.private_metadata, {});
  expect(none.json.response_action).toBe('errors');
  expect(Object.keys(none.json.errors)).toEqual(['title_1']);
  const noMessages = await submit(view.private_metadata, { 1: { title: 'Printer', ts: [thread[1].ts] }, 2: { title: 'Badge' } });
  expect(noMessages.json).toEqual({ response_action: 'errors', errors: { messages_2: 'Pick at least one message for this ticket.' } });
  const noTitle = await submit(view.private_metadata, { 3: { ts: [thread[2].ts] } });
  expect(noTitle.json.errors).toHaveProperty('title_3');
  expect((await h.sql('SELECT count(*)::int AS n FROM tickets'))[0].n).toBe(0);
});

test('submitting opens one ticket per filled slot holding exactly its messages; the thread is told every #n', async () => {
  const { view } = await openSplit('U_AGENT', thread[2]);
  const r = await submit(view.private_metadata, { 1: { title: 'Printer jams', ts: [thread[0].ts, thread[1].ts] }, 3: { title: 'Badge broken', ts: [thread[2].ts] } });
  expect(r.status).toBe(200);
  expect(r.text).toBe('');
  const tickets = await h.sql(`
    SELECT t.number, t.title, t.requester_id, array_agg(m.platform_message_id ORDER BY m.platform_message_id) AS ids
    FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE t.title IN ('Printer jams', 'Badge broken') GROUP BY t.id ORDER BY t.number`);
  expect(tickets).toMatchObject([
    { title: 'Printer jams', requester_id: 'U_ANA', ids: [thread[0].ts, thread[1].ts] },
    { title: 'Badge broken', requester_id: 'U_BEN', ids: [thread[2].ts] },
  ]);
  const summary = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ROOT);
  expect(summary.body.channel).toBe('C_HELP');
  for (const { number } of tickets) {
    expect(summary.body.text).toContain(`#${number}`);
    await h.fake.waitFor('chat.postMessage', isCardOf(number));
  }
});

test('a lone top-level message lists the channel messages around it; the summary replies to that message', async () => {
  const lone = h.fake.addMessage('C_LONE', { ts: '1782100000.000200', user: 'U_ANA', text: 'wifi is down' });
  h.fake.addMessage('C_LONE', { ts: '1782100000.000100', user: 'U_BEN', text: 'before' });
  h.fake.addMessage('C_LONE', { ts: '1782100000.000300', user: 'U_BEN', text: 'after' });
  const before = h.fake.callsOf('views.update').length;
  await h.slack.messageShortcut('split_conversation', 'U_AGENT', 'C_LONE', lone);
  await h.fake.waitFor('views.update', () => h.fake.callsOf('views.update').length > before);
  const view = h.fake.callsOf('views.update')[before].body.view;
  const options = view.blocks.find((b: { block_id: string }) => b.block_id === 'messages_1').element.options.map((o: { value: string }) => o.value);
  expect(options).toEqual(['1782100000.000100', '1782100000.000200', '1782100000.000300']);
  await submit(view.private_metadata, { 1: { title: 'Wifi', ts: [lone.ts] } });
  const summary = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === lone.ts);
  expect(summary.body.channel).toBe('C_LONE');
  const wifi = await eventually(
    async () => (await h.sql(`SELECT m.platform_message_id AS id FROM tickets t JOIN ticket_messages m ON m.ticket_id = t.id WHERE t.title = 'Wifi'`))[0],
    'the Wifi ticket',
  );
  expect(wifi).toEqual({ id: lone.ts });
});

test('a customer cannot split: they are told privately and no modal opens', async () => {
  const opens = h.fake.callsOf('views.open').length;
  await h.slack.messageShortcut('split_conversation', 'U_ANA', 'C_HELP', thread[1]);
  await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === 'U_ANA' && String(c.body.text).includes('agents'));
  expect(h.fake.callsOf('views.open')).toHaveLength(opens);
});
