import type { AppContext } from '../../../src/context';
import { drainOutbox, startDeliveryWorker } from '../../../src/outbox/worker';
import { createOutboxQueue } from '../../../src/persistence/wiring';
import { FakeChatEndpoint, type ChatRequest } from '../../fakes/fake-chat-endpoint';
import { automationContext, eventually, httpDeliverer, notice, type LogLine } from '../../support/automation-context';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
let fake: FakeChatEndpoint;
let context: AppContext;
let logs: LogLine[];

beforeAll(async () => {
  db = await createTestDatabase();
  ({ context, logs } = automationContext(db, 'instance-a'));
});
beforeEach(async () => {
  fake = await new FakeChatEndpoint().start();
  await db.dataSource.query('TRUNCATE outbox');
  logs.length = 0;
});
afterEach(async () => { await fake.stop(); });
afterAll(async () => { await db.drop(); });

const fast = { baseMs: 20, maxMs: 200 };
const seqOf = (p: ChatRequest) => Number(p.body.notice?.params.seq ?? 0);

async function enqueue(keys: string[], perKey: number): Promise<void> {
  await db.store.transaction(async (repos) => {
    for (let seq = 0; seq < perKey; seq++) {
      for (const key of keys) await repos.outbox.enqueue(notice(key, seq, seq === 0 ? 'ticket_card' : 'thread_notice'), new Date());
    }
  });
}

const pendingCount = async () => Number((await db.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE status = 'pending'`))[0].n);

/** Every post accepted once; per thread, in enqueue order (the card first). */
function expectOnceInOrder(keys: string[], perKey: number): void {
  for (const key of keys) {
    const thread = fake.accepted.filter((p) => p.ticketNumber === Number(key));
    expect({ key, kinds: thread.map((p) => p.kind)[0], seqs: thread.map(seqOf) }).toEqual({ key, kinds: 'ticket_card', seqs: Array.from({ length: perKey }, (_, i) => i) });
  }
  expect(new Set(fake.accepted.map((p) => p.id)).size).toBe(fake.accepted.length);
}

test('healthy platform: every post once, in order per thread; NOTIFY wakes the worker without polling', async () => {
  // An hour-long poll: only the insert trigger's NOTIFY can wake the worker for later posts.
  const worker = startDeliveryWorker(context, [httpDeliverer(fake.url)], { pollMs: 3_600_000, backoff: fast });
  try {
    await new Promise((r) => setTimeout(r, 200));
    const latencies: number[] = [];
    for (let round = 0; round < 20; round++) {
      const before = fake.accepted.length;
      const enqueuedAt = Date.now();
      await db.store.outbox.enqueue(notice('900', round), new Date());
      await eventually('the post arrives', async () => fake.accepted.length > before, 5_000);
      latencies.push(fake.accepted[before].at - enqueuedAt);
    }
    latencies.sort((a, b) => a - b);
    process.stdout.write(`[measure] delivery latency enqueue→platform, healthy, LISTEN/NOTIFY: median ${latencies[10]} ms, max ${latencies[19]} ms (20 posts)\n`);

    const keys = ['1', '2', '3', '4'];
    await enqueue(keys, 6);
    await eventually('all posts are sent', async () => (await pendingCount()) === 0);
  } finally {
    await worker.stop();
  }
  expectOnceInOrder(['1', '2', '3', '4'], 6);
  expect(logs.some((l) => l.msg === 'post delivered' && typeof l.ms === 'number' && typeof l.latencyMs === 'number')).toBe(true);
  expect(logs.some((l) => l.msg === 'outbox posts claimed' && typeof l.claimed === 'number')).toBe(true);
});

test('503s, a 429 with Retry-After and a hung request: every post arrives once, in order, after recovery', async () => {
  fake.answerWith((post, attempt) => {
    if (post.ticketNumber === 1 && post.kind === 'ticket_card' && attempt < 3) return { status: 503 };
    if (post.ticketNumber === 2 && seqOf(post) === 2 && attempt === 0) return { status: 429, retryAfterS: 1 };
    if (post.ticketNumber === 3 && seqOf(post) === 1 && attempt === 0) return { hang: true };
    return undefined;
  });
  const worker = startDeliveryWorker(context, [httpDeliverer(fake.url, 300)], { pollMs: 50, backoff: fast });
  try {
    await enqueue(['1', '2', '3', '4'], 4);
    await eventually('all posts are sent', async () => (await pendingCount()) === 0);
  } finally {
    await worker.stop();
  }
  expectOnceInOrder(['1', '2', '3', '4'], 4);
  const card1 = fake.requests.filter((r) => r.post.ticketNumber === 1 && r.post.kind === 'ticket_card');
  expect(card1.map((r) => ('status' in r.answer ? r.answer.status : 'hang'))).toEqual([503, 503, 503, 200]);
  // A reply waits for its card: nothing of thread 1 reached the platform before the card did.
  const firstOf1 = fake.requests.findIndex((r) => r.post.ticketNumber === 1 && r.post.kind !== 'ticket_card');
  expect(firstOf1).toBeGreaterThan(fake.requests.indexOf(card1[3]));
  const limited = fake.requests.filter((r) => r.post.ticketNumber === 2 && seqOf(r.post) === 2);
  expect(limited).toHaveLength(2);
  expect(limited[1].at - limited[0].at).toBeGreaterThanOrEqual(1000);
  const hung = fake.requests.filter((r) => r.post.ticketNumber === 3 && seqOf(r.post) === 1);
  expect(hung.map((r) => ('hang' in r.answer ? 'hang' : r.answer.status))).toEqual(['hang', 200]);
  const rows = await db.dataSource.query(`SELECT attempts FROM outbox WHERE payload->>'kind' = 'ticket_card' AND ticket_number = 1`);
  expect(rows).toEqual([{ attempts: 4 }]);
  expect(logs.filter((l) => l.msg === 'post failed, will retry').length).toBeGreaterThanOrEqual(5);
});

test('a post still failing after the last attempt is dead: kept in the table, logged at warn with its ticket, the thread goes on', async () => {
  fake.answerWith((post) => (post.ticketNumber === 7 && seqOf(post) === 1 ? { status: 503 } : undefined));
  await enqueue(['7'], 3);
  for (let i = 0; i < 40 && (await pendingCount()) > 0; i++) {
    await drainOutbox(context, [httpDeliverer(fake.url)], { maxAttempts: 3, backoff: fast });
    await new Promise((r) => setTimeout(r, 50));
  }
  const rows = await db.dataSource.query(`SELECT status, attempts, last_error FROM outbox ORDER BY id`);
  expect(rows.map((r: { status: string; attempts: number }) => [r.status, r.attempts])).toEqual([['sent', 1], ['dead', 3], ['sent', 1]]);
  expect(rows[1].last_error).toContain('503');
  expect(fake.requests.filter((r) => seqOf(r.post) === 1)).toHaveLength(3);
  const dead = logs.filter((l) => l.msg.startsWith('post is dead'));
  expect(dead).toMatchObject([{ level: 40, ticket: 7, platform: 'slack', attempt: 3 }]);
});

test('a post the platform refused is dead at once and never sent again', async () => {
  fake.answerWith((post) => (post.ticketNumber === 8 && seqOf(post) === 1 ? { status: 400 } : undefined));
  await enqueue(['8'], 3);
  for (let i = 0; i < 10 && (await pendingCount()) > 0; i++) await drainOutbox(context, [httpDeliverer(fake.url)], { backoff: fast });
  const rows = await db.dataSource.query(`SELECT status, attempts FROM outbox ORDER BY id`);
  expect(rows).toEqual([{ status: 'sent', attempts: 1 }, { status: 'dead', attempts: 1 }, { status: 'sent', attempts: 1 }]);
  expect(fake.requests.filter((r) => seqOf(r.post) === 1)).toHaveLength(1);
  expect(logs.filter((l) => l.msg.startsWith('post is dead'))).toMatchObject([{ level: 40, ticket: 8, retryable: false }]);
});

test("a claim whose instance died is taken over after the lease, not before", async () => {
  await enqueue(['5', '6'], 2);
  const held = await createOutboxQueue(db.dataSource, 'instance-dead').claimDue(new Date(), 10, 700);
  expect(held.map((p) => p.ticketNumber).sort()).toEqual([5, 6]);
  expect(await drainOutbox(context, [httpDeliverer(fake.url)])).toBe(0);
  await new Promise((r) => setTimeout(r, 800));
  await drainOutbox(context, [httpDeliverer(fake.url)]);
  expectOnceInOrder(['5', '6'], 2);
  // The dead instance's late answer cannot overwrite the new holder's outcome.
  const late = await db.dataSource.query(`UPDATE outbox SET status = 'dead' WHERE id = $1 AND locked_by = 'instance-dead'`, [held[0].id]);
  expect(late[1]).toBe(0);
});
