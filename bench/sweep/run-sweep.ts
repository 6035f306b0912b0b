/**
 * Reminder sweep at scale: `due` Pending tickets whose first reminder is due at once, swept by
 * 1, 2 and 3 instances started together; then delivery of those reminders by 1, 2 and 3 Chamado
 * instances against a fake Slack that allows one post a second per channel (429 + Retry-After).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { startServerChild, type ServerChild } from '../child';
import { startFakeSlack } from '../fake-slack-api';
import { createBenchDatabase, query, type BenchPostgres } from '../postgres';
import { table, type Cell } from '../report';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack-signing';
import { sleep } from '../stats';

export interface SweepOptions {
  due: number;
  channels: number;
  deliverySeconds: number;
}

interface SweepReport { reminders: number; ms: number; startedAt: number; endedAt: number }

const WS = 'slack:TSWEEP';

async function seed(url: string, o: SweepOptions): Promise<void> {
  await query(url, `TRUNCATE tickets, outbox, workspace_counters CASCADE`);
  await query(url, `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, assignee_id, channel_id, thread_id,
      created_at, updated_at, pending_since, last_activity_at, first_response_at)
    SELECT $1, 'slack', n, 'Waiting on you ' || n, 'pending', 'U' || (n % 5000), 'UA1', 'CW' || (n % $3::int), '1700000000.' || lpad(n::text, 7, '0'),
      now() - interval '2 days', now() - interval '25 hours', now() - interval '25 hours' - (n || ' ms')::interval, now() - interval '25 hours', now() - interval '2 days'
    FROM generate_series(1, $2::int) n`, [WS, o.due, o.channels]);
  await query(url, `INSERT INTO workspace_counters VALUES ($1, $2)`, [WS, o.due]);
  await query(url, `INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, ticket_status, ticket_created_at, ticket_number)
    SELECT id, requester_id, 'requester', workspace_id, status, created_at, number FROM tickets`);
  await query(url, 'VACUUM ANALYZE');
}

/**
 * The database's floor for the same row work, with no application around it: one statement
 * that marks every due ticket's first reminder sent and inserts one outbox row per ticket with a
 * payload shaped like the sweep's. Answers the seconds it took.
 */
async function sqlFloor(url: string): Promise<number> {
  const t0 = Date.now();
  await query(url, `WITH due AS (
      UPDATE reminder_schedule s SET steps_sent = 1 FROM tickets t
      WHERE t.id = s.ticket_id AND s.steps_sent = 0 AND s.pending_since <= now() - interval '24 hours'
      RETURNING t.id, t.workspace_id, t.platform, t.channel_id, t.thread_id, t.number, t.requester_id)
    INSERT INTO outbox (workspace_id, platform, ordering_key, ticket_number, kind, payload, available_at, created_at)
    SELECT workspace_id, platform, workspace_id || ' ' || channel_id || ' ' || thread_id, number, 'thread_notice',
      jsonb_build_object('kind', 'thread_notice', 'ticketId', id, 'notice', jsonb_build_object('key', 'notices.reminder',
        'params', jsonb_build_object('number', number, 'person', requester_id, 'step', 1), 'locale', 'en',
        'mentions', jsonb_build_array(requester_id), 'actions', jsonb_build_array('still_need_help', 'close_it'))),
      now(), now()
    FROM due`);
  return (Date.now() - t0) / 1000;
}

function sweepInstances(url: string, n: number): Promise<SweepReport[]> {
  const now = new Date().toISOString();
  const worker = path.join(__dirname, 'sweep-worker.js');
  const children = Array.from({ length: n }, () => spawn(process.execPath, [worker, JSON.stringify({ url, now })], { stdio: ['pipe', 'pipe', 'pipe'] }));
  const outputs = children.map((c) => {
    let out = '';
    let err = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    c.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const ready = new Promise<void>((resolve) => {
      const check = () => (out.includes('ready\n') ? resolve() : setTimeout(check, 10));
      check();
    });
    const done = new Promise<SweepReport>((resolve, reject) => c.once('close', (code) => {
      if (code !== 0) return reject(new Error(`sweep-worker exited with ${code}: ${err.slice(-1500)}`));
      resolve(JSON.parse(out.trim().split('\n').pop()!) as SweepReport);
    }));
    return { ready, done };
  });
  return Promise.all(outputs.map((o) => o.ready)).then(() => {
    for (const c of children) c.stdin.end('go\n');
    return Promise.all(outputs.map((o) => o.done));
  });
}

const reminderStats = async (url: string) => (await query<{ total: string; tickets: string; sent: string }>(url, `
  SELECT count(*) AS total, count(DISTINCT payload->>'ticketId') AS tickets, count(*) FILTER (WHERE status = 'sent') AS sent
  FROM outbox WHERE kind = 'thread_notice' AND payload->'notice'->>'key' = 'notices.reminder'`))[0];

export interface SweepResult {
  markdown: string;
  /** Seconds to enqueue all and duplicates, by instance count. */
  byInstances: { instances: number; seconds: number; duplicates: number }[];
  deliveryDuplicates: number;
  /** The same row work as one SQL statement. */
  floorSeconds: number;
}

export async function runSweep(pg: BenchPostgres, o: SweepOptions, log: (line: string) => void): Promise<SweepResult> {
  const db = await createBenchDatabase(pg, 'chamado_bench_sweep');
  const sweepRows: Cell[][] = [];
  const deliveryRows: Cell[][] = [];
  const byInstances: SweepResult['byInstances'] = [];
  // eslint-disable-next-line no-useless-assignment -- zero until measured: the report is written even when a step fails
  let deliveryDuplicates = 0;
  // eslint-disable-next-line no-useless-assignment -- zero until measured, as above
  let floorSeconds = 0;
  try {
    await seed(db.url, o);
    floorSeconds = await sqlFloor(db.url);
    const floor = await reminderStats(db.url);
    log(`  SQL floor: ${floor.total} reminders in ${floorSeconds.toFixed(2)} s`);
    for (const n of [1, 2, 3]) {
      await seed(db.url, o);
      const reports = await sweepInstances(db.url, n);
      const span = (Math.max(...reports.map((r) => r.endedAt)) - Math.min(...reports.map((r) => r.startedAt))) / 1000;
      const s = await reminderStats(db.url);
      const duplicates = Number(s.total) - Number(s.tickets);
      byInstances.push({ instances: n, seconds: span, duplicates });
      const perInstance = reports.map((r) => r.reminders).join(' + ');
      sweepRows.push([n, o.due, Number(s.total), Number(s.tickets), duplicates, span, Number(s.total) / span, perInstance, `${(span / floorSeconds).toFixed(1)}×`]);
      log(`  sweep ×${n}: ${s.total} reminders for ${s.tickets} tickets in ${span.toFixed(2)} s, duplicates ${duplicates}`);
    }
    // Delivery of the last sweep's reminders, by 1, 2 and 3 Chamado instances sharing the outbox.
    const slack = await startFakeSlack({ perChannelPerSecond: 1 });
    try {
      for (const n of [1, 2, 3]) {
        const servers: ServerChild[] = [];
        const posts0 = slack.calls.get('chat.postMessage') ?? 0;
        const limited0 = slack.rateLimited;
        try {
          for (let i = 0; i < n; i++) {
            servers.push(await startServerChild('ingest/chamado-server.js', {
              DATABASE_URL: db.url, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: slack.url,
              LOG_LEVEL: 'error', NODE_ENV: 'production', SCHEDULER_CRON: '0 0 1 1 *',
            }));
          }
          // The window starts once every instance is up (start-up time is measured elsewhere).
          var atReady = Number((await reminderStats(db.url)).sent); // eslint-disable-line no-var
          await sleep(o.deliverySeconds * 1000);
          // A var: read after the finally, whatever the try did.
          var atEnd = Number((await reminderStats(db.url)).sent); // eslint-disable-line no-var
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
        const sent = atEnd - atReady;
        const posts = (slack.calls.get('chat.postMessage') ?? 0) - posts0;
        const limited = slack.rateLimited - limited0;
        deliveryRows.push([n, o.channels, o.deliverySeconds, sent, sent / o.deliverySeconds, posts, limited, Math.min(o.channels, o.due)]);
        log(`  delivery ×${n}: ${sent} reminders sent in ${o.deliverySeconds} s (${(sent / o.deliverySeconds).toFixed(0)}/s), 429s ${limited}`);
      }
      const twice = `SELECT count(*) - count(DISTINCT payload->>'ticketId') AS n FROM outbox WHERE status = 'sent' AND kind = 'thread_notice'`;
      const dup = (await query<{ n: string }>(db.url, twice))[0];
      deliveryDuplicates = Number(dup.n) + slack.repeatedThreadPosts();
      const what = 'duplicates: outbox rows sent twice for one ticket / threads that got a second post at the fake';
      deliveryRows.push([what, null, null, `${Number(dup.n)} / ${slack.repeatedThreadPosts()}`, null, null, null, null]);
    } finally {
      await slack.close();
    }
  } finally {
    await db.drop();
  }
  const markdown = [
    `${o.due.toLocaleString('en-US')} Pending tickets, each with its first reminder (24 h) due now, over ${o.channels.toLocaleString('en-US')} channels. ` +
      'Sweep: the core\'s `sweep(deps, now)` in 1, 2 or 3 processes started together (fresh seed each time); time from the first start to the last finish.',
    '',
    table(['instances', 'due', 'reminders enqueued', 'distinct tickets', 'duplicates', 'seconds to enqueue all', 'enqueued/s', 'per instance', 'time / SQL floor'], sweepRows),
    '',
    'SQL floor: the same row work as one statement in one transaction, nothing around it (mark every due ticket\'s first reminder sent, ' +
      `insert a reminder of the same shape into the outbox for each): ${floorSeconds.toFixed(2)} s for ${o.due.toLocaleString('en-US')} tickets on this run's database.`,
    '',
    `Delivery: 1, 2, then 3 Chamado processes (\`startChamado\`, delivery worker on) for ${o.deliverySeconds} s each, continuing on the same outbox, ` +
      'against a fake Slack that allows 1 `chat.postMessage` a second per channel and answers 429 with Retry-After otherwise. The ceiling is one post a second per channel.',
    '',
    table(['instances', 'channels', 'seconds', 'reminders delivered', 'delivered/s', 'postMessage accepted', '429 answered', 'ceiling posts/s'], deliveryRows),
  ].join('\n');
  return { markdown, byInstances, deliveryDuplicates, floorSeconds };
}
