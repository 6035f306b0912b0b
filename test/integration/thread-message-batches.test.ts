import { DataSource } from 'typeorm';
import { changeStatus, recordThreadMessages, threadMessageRecorder, type ThreadMessageInput, type Ticket } from '../../src/core';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { createStore } from '../../src/persistence/typeorm-store';
import { chatMessage, coreFixture, person, ticketWithThread, type CoreFixture } from '../support/core-fixture';
import { eventsFor } from '../support/outbox-rows';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);

const input = (t: Ticket, authorId: string, id: string, isAgent = false): ThreadMessageInput => ({
  workspaceId: t.workspaceId, platform: 'slack', authorIsAgent: isAgent,
  message: chatMessage(authorId, `message ${id}`, { channelId: t.channelId, threadId: t.threadId, id }),
});

const storedIds = async (t: Ticket) => (await f.deps.store.messages.history(t.id, 100)).map((m) => m.platformMessageId).sort();
/** The transactions that wrote these messages (Postgres's `xmin` of each row). */
const writers = async (ids: string[]) =>
  new Set((await f.db.dataSource.query('SELECT xmin::text AS tx FROM ticket_messages WHERE platform_message_id = ANY($1)', [ids])).map((r: { tx: string }) => r.tx));

test('one batch of mixed messages: each gets the outcome it would get alone, in one transaction', async () => {
  const open = await ticketWithThread(f, 'Open one');
  const pending = await ticketWithThread(f, 'Pending one');
  const closed = await ticketWithThread(f, 'Closed one');
  await changeStatus(f.deps, agent, pending.number, 'pending');
  await changeStatus(f.deps, agent, closed.number, 'closed');
  await recordThreadMessages(f.deps, [input(open, 'U_CUST', 'b-old')]);
  f.clock.advance(60_000);

  const outcomes = await recordThreadMessages(f.deps, [
    input(open, 'U_CUST', 'b-1'),
    input(pending, 'U_CUST', 'b-2'),
    input(open, 'U_AGENT', 'b-3', true),
    input(open, 'U_CUST', 'b-1'), // the same event twice in one batch
    input(open, 'U_CUST', 'b-old'), // stored by an earlier batch
    input(pending, 'U_CUST', 'b-4'), // reopened already by b-2
    input(closed, 'U_CUST', 'b-5'),
    { ...input(open, 'U_CUST', 'b-6'), message: chatMessage('U_CUST', 'elsewhere', { threadId: '999.999', id: 'b-6' }) },
    { ...input(open, 'U_CUST', open.threadId!) }, // the thread's root is the card, not a reply
  ]);

  expect(outcomes.map((o) => o.kind)).toEqual(['recorded', 'recorded', 'recorded', 'duplicate', 'duplicate', 'recorded', 'follow_up', 'not_a_ticket', 'not_a_ticket']);
  expect(outcomes.map((o) => (o.kind === 'recorded' ? o.reopened : null))).toEqual([false, true, false, null, null, false, null, null, null]);
  expect(await storedIds(open)).toEqual(['b-1', 'b-3', 'b-old']);
  expect(await storedIds(pending)).toEqual(['b-2', 'b-4']);
  expect((await writers(['b-1', 'b-2', 'b-3', 'b-4'])).size).toBe(1);

  const now = f.clock.now();
  expect(await f.deps.store.tickets.byId(open.id)).toMatchObject({ status: 'open', lastActivityAt: now, lastCustomerActivityAt: now, firstResponseAt: now });
  expect(await f.deps.store.tickets.byId(pending.id)).toMatchObject({ status: 'open', pendingSince: null, lastCustomerActivityAt: now });
  const reopenings = (await eventsFor(f.db.dataSource, pending.id)).filter((e) => e.type === 'status_changed' && e.data.to === 'open');
  expect(reopenings).toHaveLength(1);
  const [{ count }] = await f.db.dataSource.query('SELECT count(*)::int AS count FROM tickets WHERE follow_up_of = $1', [closed.id]);
  expect(count).toBe(1);
});

test('the recorder stores calls that arrive together in one transaction', async () => {
  const tickets = await Promise.all(['A', 'B', 'C'].map((n) => ticketWithThread(f, `Busy ${n}`)));
  const record = threadMessageRecorder(f.deps, { concurrency: 1, maxBatch: 100 });
  const ids = Array.from({ length: 60 }, (_, i) => `r-${i}`);
  // The first call starts alone at once; the 59 made while it runs wait and go together.
  const outcomes = await Promise.all(ids.map((id, i) => record(input(tickets[i % 3], 'U_CUST', id))));
  expect(outcomes.every((o) => o.kind === 'recorded')).toBe(true);
  expect((await Promise.all(tickets.map(storedIds))).flat()).toHaveLength(60);
  expect((await writers(ids)).size).toBe(2);
});

test('a message the database refuses fails alone; the rest of its batch is stored', async () => {
  const t = await ticketWithThread(f, 'One bad apple');
  const record = threadMessageRecorder(f.deps, { concurrency: 1, maxBatch: 100 });
  const bad = input(t, 'U_CUST', 'x-bad');
  bad.message.postedAt = new Date(Number.NaN);
  const results = await Promise.allSettled([input(t, 'U_CUST', 'x-0'), input(t, 'U_CUST', 'x-1'), bad, input(t, 'U_CUST', 'x-2')].map(record));
  expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  expect(await storedIds(t)).toEqual(['x-0', 'x-1', 'x-2']);
});

test('batches locking the same tickets in opposite orders never deadlock', async () => {
  // Another instance of the app, whose store runs four transactions at once.
  const other = new DataSource(dataSourceOptions(f.db.url, { poolSize: 8 }));
  await other.initialize();
  try {
    const deps = { ...f.deps, store: createStore(other) };
    const tickets = await Promise.all(['P', 'Q', 'R', 'S', 'T', 'U'].map((n) => ticketWithThread(f, `Contended ${n}`)));
    const batch = (round: number, order: Ticket[]) => recordThreadMessages(deps, order.map((t) => input(t, 'U_CUST', `d-${round}-${t.title}`)));
    const rounds = Array.from({ length: 10 }, (_, r) => [batch(r * 2, tickets), batch(r * 2 + 1, [...tickets].reverse())]).flat();
    const results = await Promise.allSettled(rounds);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect((await Promise.all(tickets.map(storedIds))).flat()).toHaveLength(120);
  } finally {
    await other.destroy();
  }
});

test('a NUL character, which Postgres refuses in text, is dropped instead of losing the message', async () => {
  const t = await ticketWithThread(f, 'Binary paste');
  const message = input(t, 'U_CUST', 'nul-1');
  message.message.text = 'before\u0000after';
  expect((await recordThreadMessages(f.deps, [message]))[0].kind).toBe('recorded');
  expect((await f.deps.store.messages.history(t.id, 10))[0].text).toBe('beforeafter');
});
