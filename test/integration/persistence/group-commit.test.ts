import type { EntityManager } from 'typeorm';
import { groupCommit } from '../../../src/persistence/group-commit';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await db.dataSource.query('CREATE TABLE gc_rows (n int PRIMARY KEY, tx bigint NOT NULL)');
});
afterAll(async () => { await db.drop(); });

const insert = (n: number) => async (em: EntityManager): Promise<{ n: number; tx: string }> => {
  const [{ tx }] = await em.query('INSERT INTO gc_rows (n, tx) VALUES ($1, txid_current()) RETURNING tx::text AS tx', [n]);
  return { n, tx };
};

test('under load, concurrent transactions share commits, and each caller gets its own result', async () => {
  const run = groupCommit(db.dataSource, { concurrency: 1, maxBatch: 16 });
  const results = await Promise.all(Array.from({ length: 40 }, (_, i) => run(insert(i))));
  expect(results.map((r) => r.n)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  const transactions = new Set(results.map((r) => r.tx));
  expect(transactions.size).toBeLessThan(40);
  expect(transactions.size).toBeGreaterThanOrEqual(3); // 40 callers, at most 16 a batch
  const [{ count }] = await db.dataSource.query('SELECT count(*)::int AS count FROM gc_rows WHERE n < 40');
  expect(count).toBe(40);
});

test('a failing transaction fails alone: the others of its batch are kept', async () => {
  const run = groupCommit(db.dataSource, { concurrency: 1, maxBatch: 16 });
  const outcomes = await Promise.allSettled(Array.from({ length: 12 }, (_, i) =>
    run(async (em) => {
      if (i === 5) throw new Error('member 5 refuses');
      return insert(100 + i)(em);
    })));
  expect(outcomes[5]).toEqual({ status: 'rejected', reason: new Error('member 5 refuses') });
  expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(11);
  const rows = (await db.dataSource.query('SELECT n FROM gc_rows WHERE n >= 100 ORDER BY n')).map((r: { n: number }) => r.n);
  expect(rows).toEqual([100, 101, 102, 103, 104, 106, 107, 108, 109, 110, 111]);
});

test('a database error in one member (a duplicate key) does not lose the others', async () => {
  const run = groupCommit(db.dataSource, { concurrency: 1, maxBatch: 16 });
  const outcomes = await Promise.allSettled([200, 201, 0, 202].map((n) => run(insert(n))));
  expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
  const rows = (await db.dataSource.query('SELECT n FROM gc_rows WHERE n >= 200 ORDER BY n')).map((r: { n: number }) => r.n);
  expect(rows).toEqual([200, 201, 202]);
});

test('a transaction opened inside another’s work does not wait for the slot its caller holds', async () => {
  const run = groupCommit(db.dataSource, { concurrency: 1, maxBatch: 16 });
  const inner = await run(async () => run(insert(300)));
  expect(inner.n).toBe(300);
});
