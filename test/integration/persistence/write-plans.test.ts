import { SAVE_TICKETS } from '../../../src/persistence/ticket-sql';
import { INSERT_MESSAGES } from '../../../src/persistence/message-repository';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;

/**
 * The reply path's writes (one ticket saved, one message stored) on thousands of analysed tickets:
 * they must read that ticket by its key. The planner prices a JSON array of rows at 100 rows,
 * which on a table of this size makes scanning all tickets (and their participants) look cheaper.
 */
beforeAll(async () => {
  db = await createTestDatabase();
  await db.dataSource.query(`INSERT INTO tickets (workspace_id, platform, number, title, status, priority, requester_id, channel_id, created_at)
    SELECT 'slack:T1', 'slack', i, 'Ticket ' || i, 'open', 'normal', 'U' || (i % 900), 'C1', now() FROM generate_series(1, 8000) i`);
  await db.dataSource.query(`INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, ticket_status, ticket_created_at, ticket_number)
    SELECT id, requester_id, 'requester', workspace_id, status, created_at, number FROM tickets`);
  await db.dataSource.query('VACUUM ANALYZE tickets, ticket_participants');
}, 60_000);
afterAll(async () => { await db.drop(); });

interface PlanNode { 'Node Type': string; 'Relation Name'?: string; Plans?: PlanNode[] }
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

async function seqScans(sql: string, params: unknown[]): Promise<string[]> {
  return db.dataSource.transaction(async (em) => {
    const [row] = await em.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    return nodes((row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name'] ?? '');
  });
}

test('saving one ticket reads it and its participants by key, not the whole tables', async () => {
  const [ticket] = await db.dataSource.query(`SELECT * FROM tickets WHERE number = 4321`);
  const params = [JSON.stringify([{ ...ticket, status: 'pending' }]), [ticket.id]];
  expect(await seqScans(SAVE_TICKETS, params)).toEqual([]);
});

test('storing one message reads its ticket by key', async () => {
  const [ticket] = await db.dataSource.query(`SELECT id FROM tickets WHERE number = 1234`);
  const row = { ticket_id: ticket.id, platform_message_id: 'm1', author_id: 'U1', text: 'hello', attachments: {}, posted_at: new Date().toISOString() };
  expect(await seqScans(INSERT_MESSAGES, [JSON.stringify([row]), [ticket.id]])).toEqual([]);
});
