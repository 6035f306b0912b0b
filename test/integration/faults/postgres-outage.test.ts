import { startChamado, type RunningApp } from '../../../src/app';
import { loadConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { FakeSlackApi } from '../../fakes/fake-slack-api';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { eventually, isCardOf } from '../../support/slack-harness';
import { SIGNING_SECRET, SlackRequests, type SlackResponse } from '../../support/slack-requests';
import { PgProxy } from './pg-proxy';

/**
 * Postgres taken away under a steady stream of thread replies, as Slack sends them: every reply
 * Chamado acknowledged (200) must be stored, and every one it refused must be stored exactly once
 * after Slack's resend. The database sits behind a TCP proxy that first stalls (longer than the
 * receiver's ack deadline), then cuts every connection and refuses new ones, then comes back.
 */
let db: TestDatabase;
let fake: FakeSlackApi;
let proxy: PgProxy;
let app: RunningApp;
let slack: SlackRequests;
let thread: string;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await new FakeSlackApi().start();
  const target = new URL(db.url);
  proxy = new PgProxy({ host: target.hostname, port: Number(target.port || 5432) });
  const port = await proxy.start();
  const viaProxy = new URL(db.url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(port);
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: viaProxy.toString(), SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.url}/api/`, LOG_LEVEL: 'silent', AGENTS: 'slack:U_AGENT',
  });
  app = await startChamado(config, createLogger('silent'));
  slack = new SlackRequests(app.url);
  await slack.command('U_CUST', 'new Printer on fire');
  await fake.waitFor('chat.postMessage', isCardOf(1));
  thread = await eventually(
    async () => (await db.dataSource.query('SELECT thread_id FROM tickets WHERE number = 1 AND thread_id IS NOT NULL'))[0]?.thread_id as string | undefined,
  );
}, 120_000);

afterAll(async () => {
  proxy?.up();
  await app?.stop().catch(() => undefined);
  await proxy?.stop();
  await fake?.stop();
  await db?.drop();
});

/** A reply as Slack sends it; a network failure counts as "not acknowledged", as it does for Slack. */
async function reply(ts: string, retryNum?: number): Promise<number> {
  const res: SlackResponse | null = await slack
    .message('U_CUST', 'C_GENERAL', ts, `reply ${ts}`, { thread_ts: thread }, { eventId: `Ev${ts.replace('.', '')}`, retryNum })
    .catch(() => null);
  return res?.status ?? 0;
}

const storedCount = async (ts: string) => (await db.dataSource.query('SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = $1', [ts]))[0].n as number;

test('a reply whose write stalls past the ack deadline and then fails is not acknowledged', async () => {
  const ts = '1790000000.000001';
  proxy.stall();
  const answered = reply(ts);
  await sleep(3200);
  proxy.down();
  const status = await answered;
  await sleep(300);
  proxy.up();
  await eventually(async () => (await db.dataSource.query('SELECT 1 AS ok'))[0]?.ok === 1);
  if (status === 200) expect(await storedCount(ts)).toBe(1);
  else expect(status).toBeGreaterThanOrEqual(500);
  // Slack resends what was not acknowledged; either way the reply ends up stored once.
  if (status !== 200) expect(await reply(ts, 1)).toBe(200);
  expect(await storedCount(ts)).toBe(1);
});

test('Postgres stalled, then down, under a steady stream of replies: nothing acknowledged is lost, nothing is stored twice', async () => {
  const sent: { ts: string; status: Promise<number> }[] = [];
  let i = 0;
  const stream = setInterval(() => {
    const ts = `1790000001.${String(++i).padStart(6, '0')}`;
    sent.push({ ts, status: reply(ts) });
  }, 60);
  await sleep(800);
  proxy.stall();
  await sleep(3000);
  proxy.down();
  await sleep(2500);
  proxy.up();
  await sleep(1200);
  clearInterval(stream);
  const results = await Promise.all(sent.map(async (s) => ({ ts: s.ts, status: await s.status })));

  const acked = results.filter((r) => r.status === 200);
  const refused = results.filter((r) => r.status !== 200);
  expect(acked.length).toBeGreaterThan(0);
  expect(refused.length).toBeGreaterThan(0);
  expect(results.every((r) => r.status === 200 || r.status >= 500 || r.status === 0)).toBe(true);
  for (const r of acked) expect({ ts: r.ts, stored: await storedCount(r.ts) }).toEqual({ ts: r.ts, stored: 1 });

  // Slack's resend of everything that was not acknowledged.
  for (const r of refused) {
    let status = 0;
    for (let attempt = 1; attempt <= 3 && status !== 200; attempt++) status = await reply(r.ts, attempt);
    expect({ ts: r.ts, status }).toEqual({ ts: r.ts, status: 200 });
  }
  const counts = await db.dataSource.query(
    'SELECT platform_message_id AS ts, count(*)::int AS n FROM ticket_messages WHERE platform_message_id = ANY($1) GROUP BY 1', [results.map((r) => r.ts)]);
  expect(counts).toHaveLength(results.length);
  expect(counts.every((c: { n: number }) => c.n === 1)).toBe(true);
  // The app is still up and answering.
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
}, 60_000);
