import { openTicket, type Ticket } from '../../../src/core';
import { toRecord } from '../../../src/persistence/ticket-record';
import {
  INSERT_TICKET, LIST_FOR_USER, LIST_UNASSIGNED, LOCK_TICKETS_BY_THREADS, SAVE_TICKETS, TICKET_BY_NUMBER, TICKET_COLUMNS,
} from '../../../src/persistence/ticket-sql';
import { coreFixture, person, WS, type CoreFixture } from '../../support/core-fixture';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const tableColumns = async (table: string): Promise<string[]> =>
  (await f.db.dataSource.query('SELECT column_name FROM information_schema.columns WHERE table_name = $1 ORDER BY ordinal_position', [table]))
    .map((r: { column_name: string }) => r.column_name);

const names = (list: string) => list.split(',').map((c) => c.trim().replace(/^[tv]\./, ''));

/** The column lists are written out by hand: a column added to `tickets` must be added here too, or this fails. */
test('the statements name every column of tickets, and the mappings carry every one', async () => {
  const columns = await tableColumns('tickets');
  expect(names(TICKET_COLUMNS)).toEqual(columns);
  const inserted = /INSERT INTO tickets AS t \(([^)]*)\)/.exec(INSERT_TICKET)![1];
  expect(names(inserted)).toEqual(columns.filter((c) => c !== 'id'));
  const assigned = /SET([\s\S]*?)FROM jsonb_populate_recordset/.exec(SAVE_TICKETS)![1].split(',').map((a) => a.split('=')[0].trim());
  // card_url is the delivery worker's to write (CardLocations); a use case's older copy must not erase it.
  expect(assigned).toEqual(columns.filter((c) => !['id', 'workspace_id', 'platform', 'number', 'created_at', 'card_url'].includes(c)));

  const ticket = await openTicket(f.deps, { actor: person('U_MAP'), title: 'Mapped', channelId: 'C1' });
  expect(Object.keys(toRecord(ticket)).sort()).toEqual([...columns].sort());
});

test('a ticket written and read back through every statement is the same ticket', async () => {
  const opened = await openTicket(f.deps, { actor: person('U_ROUND'), title: 'Round trip', channelId: 'C1' });
  const changed: Ticket = {
    ...opened, status: 'pending', priority: 'high', assigneeId: 'U_AGENT', ccIds: ['U_CC2', 'U_CC1'],
    pendingSince: new Date('2026-03-02T12:05:00Z'), closeReason: null, firstResponseAt: new Date('2026-03-02T12:04:00Z'),
    updatedAt: new Date('2026-03-02T12:05:00Z'),
  };
  await f.deps.store.transaction(async (repos) => {
    await repos.tickets.save(changed);
    await repos.tickets.saveParticipants(changed);
  });
  await f.db.records.cardLocations.record(opened.id, 'C1', '1700000999.000100');
  const expected = { ...changed, threadId: '1700000999.000100' };
  expect(await f.deps.store.tickets.byId(opened.id)).toEqual(expected);
  expect(await f.deps.store.tickets.byNumber(WS, opened.number)).toEqual(expected);
  expect(await f.deps.store.transaction((repos) => repos.tickets.lockByThreads([{ workspaceId: WS, channelId: 'C1', threadId: '1700000999.000100' }]))).toEqual([expected]);
  expect((await f.deps.store.tickets.listForUser(WS, 'U_CC1', ['pending'], 10)).map((t) => t.id)).toEqual([opened.id]);
  expect(await f.deps.store.tickets.numbersOf([opened.id])).toEqual(new Map([[opened.id, opened.number]]));
});

/** With sequential scans priced out, each hot statement's plan must reach for the index it was written for. */
test.each([
  { name: 'ticket by number', sql: TICKET_BY_NUMBER, params: [WS, 1], index: 'tickets_workspace_number' },
  { name: 'my tickets', sql: LIST_FOR_USER, params: [WS, 'U_MAP', ['open'], 25], index: 'ticket_participants_user' },
  { name: 'unassigned', sql: LIST_UNASSIGNED, params: [WS, 10], index: 'tickets_unassigned' },
  { name: 'reply batch lock', sql: LOCK_TICKETS_BY_THREADS, params: [[WS], ['C1'], ['1700000999.000100']], index: 'tickets_thread' },
])('$name reads $index', async ({ sql, params, index }) => {
  const plan = await f.db.dataSource.transaction(async (em) => {
    await em.query('SET LOCAL enable_seqscan = off');
    const rows: { 'QUERY PLAN': string }[] = await em.query(`EXPLAIN ${sql}`, params);
    return rows.map((r) => r['QUERY PLAN']).join('\n');
  });
  expect(plan).toContain(index);
});
