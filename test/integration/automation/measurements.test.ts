import { sweep } from '../../../src/core';
import { coreFixture, type CoreFixture } from '../../support/core-fixture';
import { DAY } from '../../support/automation-fixture';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Plans?: PlanNode[];
}

const seqScans = (node: PlanNode): string[] => [
  ...(node['Node Type'] === 'Seq Scan' ? [node['Relation Name'] ?? '?'] : []),
  ...(node.Plans ?? []).flatMap(seqScans),
];

/** Load figures for the report: measured and printed, only correctness is asserted. */
let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

test('the sweep sends 5,000 due reminders, each once (throughput printed)', async () => {
  await f.db.dataSource.query(
    `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, created_at, updated_at, pending_since, last_activity_at)
     SELECT 'slack:TLOAD', 'slack', n, 'load ' || n, 'pending', 'U' || n, 'C1', $1, $1, $1, $1 FROM generate_series(1, 5000) AS n`,
    [f.clock.now()],
  );
  // A large, idle rest of the table that the partial indexes must not read.
  await f.db.dataSource.query(
    `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, created_at, updated_at, closed_at, last_activity_at)
     SELECT 'slack:TOLD', 'slack', n, 'old ' || n, 'closed', 'U' || n, 'C1', $1, $1, $1, $1 FROM generate_series(1, 50000) AS n`,
    [f.clock.now()],
  );
  await f.db.dataSource.query('ANALYZE tickets');
  f.clock.advance(DAY);
  const started = performance.now();
  const report = await sweep(f.deps, f.clock.now());
  const ms = performance.now() - started;
  process.stdout.write(`[measure] sweep: ${report.reminders} reminders in ${Math.round(ms)} ms = ${Math.round((report.reminders / ms) * 1000)} reminders/s\n`);
  expect(report.reminders).toBe(5000);
  const [{ n }] = await f.db.dataSource.query(`SELECT count(DISTINCT payload->>'ticketId') AS n FROM outbox WHERE payload->'notice'->>'key' = 'notices.reminder'`);
  expect(Number(n)).toBe(5000);
  expect((await sweep(f.deps, f.clock.now())).reminders).toBe(0);
});

test('the outbox claim reads the partial indexes, not the table, with a large outbox (EXPLAIN printed)', async () => {
  await f.db.dataSource.query('TRUNCATE outbox');
  await f.db.dataSource.query(
    `INSERT INTO outbox (workspace_id, platform, ordering_key, kind, payload, status, sent_at, created_at, available_at)
     SELECT 'slack:T1', 'slack', 'ticket:' || (n % 50000), 'thread_notice', '{}', 'sent', now(), now(), now() FROM generate_series(1, 300000) AS n`,
  );
  await f.db.dataSource.query(
    `INSERT INTO outbox (workspace_id, platform, ordering_key, kind, payload, available_at)
     SELECT 'slack:T1', 'slack', 'ticket:' || (n % 5000), 'thread_notice', '{}', now() - interval '1 minute' FROM generate_series(1, 20000) AS n`,
  );
  await f.db.dataSource.query('ANALYZE outbox');
  const runner = f.db.dataSource.createQueryRunner();
  await runner.startTransaction();
  try {
    const [{ 'QUERY PLAN': [plan] }] = await runner.query(
      `EXPLAIN (ANALYZE, FORMAT JSON)
       UPDATE outbox o SET locked_by = 'x', locked_until = now() + interval '1 minute'
       WHERE o.id IN (
         SELECT c.id FROM outbox c
         WHERE c.status = 'pending' AND c.available_at <= now()
           AND (c.locked_until IS NULL OR c.locked_until < now())
           AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = c.ordering_key AND e.status = 'pending' AND e.id < c.id)
         ORDER BY c.available_at, c.id LIMIT 20 FOR UPDATE SKIP LOCKED)
       RETURNING o.id`,
    );
    const text = JSON.stringify(plan);
    process.stdout.write(`[measure] claim of 20 heads among 20,000 pending (5,000 threads) + 300,000 sent rows: ${plan['Execution Time'].toFixed(2)} ms\n`);
    expect(text).toContain('outbox_due');
    expect(text).toContain('outbox_ordering');
    expect(seqScans(plan.Plan)).toEqual([]);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
});
