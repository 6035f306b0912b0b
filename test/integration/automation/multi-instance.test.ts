import { changeStatus, openTicket, type Ticket, type UseCaseDeps } from '../../../src/core';
import { FakeChatEndpoint } from '../../fakes/fake-chat-endpoint';
import { customer, agent } from '../../support/automation-fixture';
import { automationContext } from '../../support/automation-context';
import { killAllInstances, startInstance, stopInstance } from '../../support/automation-instances';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { eventually } from '../../support/eventually';

jest.setTimeout(60_000);

const automation = {
  SCHEDULER_CRON: '* * * * * *',
  PENDING_REMINDER_AFTER: '2s,5s',
  PENDING_AUTO_CLOSE_AFTER: '7s',
  FIRST_RESPONSE_SLA: '3s',
  AUTOMATION_LEASE_MS: '2000',
  AUTOMATION_HTTP_TIMEOUT_MS: '1000',
};

let fake: FakeChatEndpoint;
let blackHole: FakeChatEndpoint;
const dbs: TestDatabase[] = [];

beforeAll(async () => {
  fake = await new FakeChatEndpoint().start();
  blackHole = await new FakeChatEndpoint().start();
  blackHole.answerWith(() => ({ hang: true }));
});
afterAll(async () => {
  await killAllInstances();
  await fake.stop();
  await blackHole.stop();
  for (const db of dbs) await db.drop();
});

async function tickets(deps: UseCaseDeps, n: number): Promise<{ pending: Ticket[]; open: Ticket[] }> {
  const pending: Ticket[] = [];
  const open: Ticket[] = [];
  for (let i = 0; i < n; i++) {
    const t = await openTicket(deps, { actor: customer, title: `pending ${i}`, channelId: 'C1' });
    pending.push(await changeStatus(deps, agent, t.number, 'pending'));
    open.push(await openTicket(deps, { actor: customer, title: `open ${i}`, channelId: 'C1' }));
  }
  return { pending, open };
}

/** Waits for every ticket's automation to finish and every post to be out, then checks each happened once. */
async function expectEachOnce(db: TestDatabase, all: { pending: Ticket[]; open: Ticket[] }): Promise<void> {
  const ids = [...all.pending, ...all.open].map((t) => t.id);
  await eventually(async () => {
    const [row] = await db.dataSource.query(
      `SELECT (SELECT count(*) FROM tickets WHERE id = ANY($1) AND status = 'pending') AS pending,
              (SELECT count(*) FROM tickets WHERE id = ANY($1) AND status = 'open' AND sla_alerted_at IS NULL) AS unalerted,
              (SELECT count(*) FROM outbox WHERE status = 'pending') AS queued`,
      [ids],
    );
    return Number(row.pending) + Number(row.unalerted) + Number(row.queued) === 0;
  }, 'every pending ticket is auto-closed, every open one alerted, the outbox empty', 30_000);
  const mine = fake.accepted.filter((p) => p.body.ticketId && ids.includes(p.body.ticketId));
  const count = (ticketId: string, match: (p: (typeof mine)[number]) => boolean) => mine.filter((p) => p.body.ticketId === ticketId && match(p)).length;
  const problems: string[] = [];
  for (const t of all.pending) {
    const reminder = (step: number) => (p: (typeof mine)[number]) => p.body.notice?.key === 'notices.reminder' && p.body.notice.params.step === step;
    const autoClosed = (p: (typeof mine)[number]) => p.body.notice?.key === 'notices.auto_closed';
    const counts = [count(t.id, reminder(1)), count(t.id, reminder(2)), count(t.id, autoClosed), count(t.id, (p) => p.kind === 'ticket_card')];
    if (counts.join() !== '1,1,1,1') problems.push(`#${t.number} reminder1, reminder2, auto_closed, card = ${counts.join()}`);
  }
  for (const t of all.open) {
    const counts = [count(t.id, (p) => p.kind === 'sla_alert'), count(t.id, (p) => p.kind === 'ticket_card')];
    if (counts.join() !== '1,1') problems.push(`#${t.number} sla_alert, card = ${counts.join()}`);
  }
  expect(problems).toEqual([]);
  // Nothing delivered twice, nothing left behind.
  expect(new Set(fake.accepted.map((p) => p.id)).size).toBe(fake.accepted.length);
  const [{ n }] = await db.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE status <> 'sent'`);
  expect(Number(n)).toBe(0);
}

test('two instances, one-second cron: each reminder, alert and notice exactly once', async () => {
  const db = await createTestDatabase();
  dbs.push(db);
  const env = { ...automation, DATABASE_URL: db.url, AUTOMATION_CHAT_URL: fake.url };
  const [a, b] = await Promise.all([startInstance(env), startInstance(env)]);
  const { context } = automationContext(db, 'jest');
  const all = await tickets(context.deps, 8);
  await expectEachOnce(db, all);
  const [{ n }] = await db.dataSource.query(`SELECT count(*) AS n FROM outbox`);
  expect(fake.accepted.length).toBe(Number(n));
  const senders = new Set(fake.accepted.map((p) => p.instance));
  process.stdout.write(`[measure] two instances: ${fake.accepted.length} posts, sent by ${senders.size} instance(s)\n`);
  await Promise.all([stopInstance(a), stopInstance(b)]);
});

test('three instances, one killed with SIGKILL while holding claims: the others deliver its rows, everything once', async () => {
  const db = await createTestDatabase();
  dbs.push(db);
  fake.accepted.length = 0;
  const env = { ...automation, DATABASE_URL: db.url, AUTOMATION_CHAT_URL: fake.url };
  // The doomed instance talks to a platform that never answers, so it sits on its claims.
  const doomedEnv = { ...env, AUTOMATION_CHAT_URL: blackHole.url, AUTOMATION_HTTP_TIMEOUT_MS: '60000' };
  const [a, b, doomed] = await Promise.all([startInstance(env), startInstance(env), startInstance(doomedEnv)]);
  const { context } = automationContext(db, 'jest');
  const all = await tickets(context.deps, 8);
  await eventually(async () => {
    const [{ n }] = await db.dataSource.query(`SELECT count(*) AS n FROM outbox WHERE locked_by = $1`, [doomed.instanceId]);
    return Number(n) > 0 && blackHole.requests.length > 0;
  }, 'the doomed instance holds claims', 15_000);
  const held: { id: string }[] = await db.dataSource.query(`SELECT id FROM outbox WHERE locked_by = $1`, [doomed.instanceId]);
  await stopInstance(doomed, 'SIGKILL');
  await expectEachOnce(db, all);
  const delivered = new Set(fake.accepted.map((p) => p.id));
  expect(held.filter((r) => !delivered.has(String(r.id)))).toEqual([]);
  const [{ n }] = await db.dataSource.query(`SELECT count(*) AS n FROM outbox`);
  expect(fake.accepted.length).toBe(Number(n));
  process.stdout.write(`[measure] three instances, one killed: ${held.length} held rows taken over, ${fake.accepted.length} posts once each\n`);
  await Promise.all([stopInstance(a), stopInstance(b)]);
});
