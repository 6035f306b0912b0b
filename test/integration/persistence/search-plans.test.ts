import { queueCountSql, queueSql, searchSql } from '../../../src/persistence/ticket-queries';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;

/**
 * Thousands of tickets and messages over many workspaces, then ANALYZE: enough rows that a
 * sequential scan would be the planner's honest choice if the queries did not match their
 * indexes (an expression that drifts from the migration's falls back to reading the table).
 */
beforeAll(async () => {
  db = await createTestDatabase();
  await db.dataSource.query(`INSERT INTO tickets (workspace_id, platform, number, title, status, priority, requester_id, assignee_id, channel_id, created_at)
    SELECT CASE WHEN i <= 4000 THEN 'slack:TBIG' ELSE 'slack:T' || (i % 50) END, 'slack', i, 'Problema número ' || i || CASE WHEN i % 500 = 0 THEN ' impressora' ELSE ' rede' END,
      (ARRAY['open','pending','closed','closed'])[1 + i % 4], (ARRAY['low','normal','high','urgent'])[1 + i % 4],
      'U' || (i % 900), CASE WHEN i % 3 = 0 THEN 'U_AGENT' END, 'C1', now() - i * interval '1 minute'
    FROM generate_series(1, 8000) i`);
  await db.dataSource.query(`INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, ticket_status, ticket_created_at, ticket_number)
    SELECT id, requester_id, 'requester', workspace_id, status, created_at, number FROM tickets`);
  await db.dataSource.query(`INSERT INTO ticket_messages (ticket_id, workspace_id, platform_message_id, author_id, text, posted_at)
    SELECT t.id, t.workspace_id, t.number || '.' || k, t.requester_id,
      CASE WHEN (t.number + k) % 997 = 0 THEN 'a configuração da VPN caiu de novo' ELSE 'mensagem comum ' || k || ' sobre a rede do escritório' END, now()
    FROM tickets t, generate_series(1, 5) k`);
  await db.dataSource.query('VACUUM ANALYZE tickets, ticket_messages, ticket_participants');
}, 60_000);
afterAll(async () => { await db.drop(); });

interface PlanNode {
  'Node Type': string;
  'Parent Relationship'?: string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/**
 * The plan of a query. With `indexesOnly`, sequential scans are priced out: one that remains means
 * no index can serve that table access (a table this small is otherwise honestly read whole).
 */
async function plan(query: { sql: string; params: unknown[] }, indexesOnly = false): Promise<PlanNode> {
  return db.dataSource.transaction(async (em) => {
    if (indexesOnly) await em.query('SET LOCAL enable_seqscan = off');
    const [row] = await em.query(`EXPLAIN (FORMAT JSON) ${query.sql}`, query.params);
    return (row['QUERY PLAN'] as { Plan: PlanNode }[])[0].Plan;
  });
}

const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];
/** The plan without its per-row subplans (each ticket's CC list). */
const mainPath = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).filter((p) => p['Parent Relationship'] !== 'SubPlan').flatMap(mainPath)];
const seqScans = (node: PlanNode) => nodes(node).filter((n) => n['Node Type'] === 'Seq Scan').map((n) => n['Relation Name']);
const indexes = (node: PlanNode) => nodes(node).map((n) => n['Index Name']).filter(Boolean);

/** A word in half of all messages (`rede` here) is rightly read by scanning; these are rarer. */
test('an agent\'s search reads the search indexes, never a whole table', async () => {
  for (const words of ['configuracao vpn', 'impressora', 'VPN']) {
    const query = searchSql({ workspaceId: 'slack:TBIG', words, participantId: null, limit: 10 });
    expect(indexes(await plan(query))).toEqual(expect.arrayContaining(['tickets_search', 'ticket_messages_search']));
    expect(seqScans(await plan(query, true))).toEqual([]);
  }
});

test('a customer\'s search starts from their own tickets', async () => {
  const query = searchSql({ workspaceId: 'slack:TBIG', words: 'configuração', participantId: 'U7', limit: 10 });
  expect(indexes(await plan(query))).toContain('ticket_participants_user');
  expect(seqScans(await plan(query, true))).toEqual([]);
});

test('the queue and its count read tickets_queue in order', async () => {
  for (const query of [
    { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, limit: 20 },
    { workspaceId: 'slack:TBIG', statuses: ['open'] as const, limit: 20 },
    { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, assignee: 'none' as const, limit: 20 },
  ]) {
    const page = await plan(queueSql(query));
    expect(seqScans(page)).toEqual([]);
    expect(indexes(page)).toContain('tickets_queue');
    expect(mainPath(page).map((n) => n['Node Type'])).not.toContain('Sort');
    const count = await plan(queueCountSql(query), true);
    expect(seqScans(count)).toEqual([]);
    expect(indexes(count)).toContain('tickets_queue');
  }
});

test('the web queue\'s filters keep to indexes: a later page, a priority, an assignee, and words through the search indexes', async () => {
  for (const query of [
    { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, limit: 25, offset: 200 },
    { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, priorities: ['urgent'] as const, limit: 25 },
    { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, assignee: { userId: 'U_AGENT' }, limit: 25 },
  ]) {
    expect(seqScans(await plan(queueSql(query), true))).toEqual([]);
    expect(seqScans(await plan(queueCountSql(query), true))).toEqual([]);
  }
  const searched = { workspaceId: 'slack:TBIG', statuses: ['open', 'pending'] as const, words: 'configuracao vpn', limit: 25 };
  for (const sql of [queueSql(searched), queueCountSql(searched)]) {
    const p = await plan(sql, true);
    expect(seqScans(p)).toEqual([]);
    expect(indexes(p)).toEqual(expect.arrayContaining(['tickets_search', 'ticket_messages_search']));
  }
});
