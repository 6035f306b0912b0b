import { splitConversation, SplitSlotError, ChamadoError, type ChatMessage } from '../../src/core';
import { chatMessage, coreFixture, person, type CoreFixture } from '../support/core-fixture';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);
const root = '1700000000.000001';
const conversation: ChatMessage[] = [
  chatMessage('U_CUST', 'Hi! Printer on 3rd floor is jammed', { id: root }),
  chatMessage('U_CUST', 'also my VPN keeps dropping', { threadId: root, id: '1700000000.000002' }),
  chatMessage('U_AGENT', 'On it, which VPN client?', { threadId: root, id: '1700000000.000003' }),
  chatMessage('U_CUST2', 'and I cannot log in to payroll https://payroll.example', { threadId: root, id: '1700000000.000004' }),
];

test('each slot with a title and messages becomes a ticket holding exactly those messages', async () => {
  const tickets = await splitConversation(f.deps, {
    actor: agent, channelId: 'C1', threadId: root, messages: conversation,
    slots: [
      { title: 'Printer jammed', messageIds: [root] },
      { title: 'VPN drops', messageIds: ['1700000000.000002', '1700000000.000003'] },
      { title: '', messageIds: [] },
      { title: 'Payroll login', messageIds: ['1700000000.000004'] },
    ],
  });
  expect(tickets.map((t) => [t.number, t.title, t.requesterId])).toEqual([
    [1, 'Printer jammed', 'U_CUST'], [2, 'VPN drops', 'U_CUST'], [3, 'Payroll login', 'U_CUST2'],
  ]);
  const held = async (id: string) => (await f.deps.store.messages.history(id, 50)).map((m) => m.platformMessageId);
  expect(await held(tickets[0].id)).toEqual([root]);
  expect(await held(tickets[1].id)).toEqual(['1700000000.000002', '1700000000.000003']);
  expect(await held(tickets[2].id)).toEqual(['1700000000.000004']);
  expect(tickets.every((t) => t.sourceThreadId === root && t.sourceChannelId === 'C1')).toBe(true);
  const [summary] = await f.db.dataSource.query(`SELECT payload FROM outbox WHERE kind = 'conversation_notice'`);
  expect(summary.payload).toMatchObject({ channelId: 'C1', threadId: root, notice: {
    key: 'notices.split_summary', params: { count: 3 },
    tickets: [{ number: 1, title: 'Printer jammed' }, { number: 2, title: 'VPN drops' }, { number: 3, title: 'Payroll login' }],
  } });
});

test('only agents split', async () => {
  await expect(splitConversation(f.deps, { actor: person('U_CUST'), channelId: 'C1', threadId: root, messages: conversation, slots: [{ title: 'x', messageIds: [root] }] }))
    .rejects.toMatchObject({ code: 'agents_only' });
});

test('a slot with a title but no messages is pointed out, and nothing is opened', async () => {
  const before = await f.db.dataSource.query('SELECT count(*)::int AS n FROM tickets');
  const slots = [{ title: 'ok', messageIds: [root] }, { title: 'empty', messageIds: [] }];
  const error = await splitConversation(f.deps, { actor: agent, channelId: 'C1', threadId: root, messages: conversation, slots })
    .catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SplitSlotError);
  expect(error).toMatchObject({ slot: 2, code: 'split_slot_without_messages' });
  expect(await f.db.dataSource.query('SELECT count(*)::int AS n FROM tickets')).toEqual(before);
});

test('messages without a title, no slots at all, and unknown message ids are refused', async () => {
  const run = (slots: { title: string; messageIds: string[] }[]) =>
    splitConversation(f.deps, { actor: agent, channelId: 'C1', threadId: root, messages: conversation, slots }).catch((e: ChamadoError) => e);
  expect(await run([{ title: '', messageIds: [root] }])).toMatchObject({ slot: 1, code: 'title_required' });
  expect(await run([])).toMatchObject({ code: 'split_needs_slots' });
  expect(await run([{ title: ' ', messageIds: [] }])).toMatchObject({ code: 'split_needs_slots' });
  expect(await run([{ title: 'x', messageIds: ['nope'] }])).toMatchObject({ slot: 1, code: 'message_not_found' });
});
