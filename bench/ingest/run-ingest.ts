import { CHAMADO_HEAP_CAP, runJsonChild, startServerChild, type ServerChild } from '../child';
import { startFakeSlack } from '../fake-slack-api';
import { createBenchDatabase, query, type BenchPostgres } from '../postgres';
import { sampleProcess, watchProcess } from '../proc-stats';
import { formatNumber, table, type Cell } from '../report';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack-signing';
import { sleep } from '../stats';
import type { LoadResult, LoadSpec } from './load';
import { findPgbench, runPgbench } from './pgbench';
import { seedThreads } from './seed-threads';

export interface IngestOptions {
  levels: number[];
  seconds: number;
  maxRequestsPerLevel: number;
  threads: number;
  /** Run only these targets (ideal, bolt, chamado, pgbench). */
  targets?: string[];
  /** Extra node flags for the Chamado process (e.g. --cpu-prof). */
  chamadoNodeArgs?: string[];
}

interface Row {
  target: string;
  connections: number;
  result: LoadResult;
  stored: number | null;
  /** Rows once the server stopped writing (an early-acking server keeps storing after the load). */
  drained: number | null;
  drainSeconds: number | null;
  cpuPercent: number | null;
  rssMiB: number | null;
}

/** The search index on messages, dropped for the "without" run so the report shows what it costs ingest. */
const MESSAGE_SEARCH_INDEX = 'ticket_messages_search';
export const NO_SEARCH_INDEX = 'Chamado, messages not indexed for search';

const TARGETS: { key: string; name: string; entry: string; stores: boolean; nodeArgs?: string[]; withoutSearchIndex?: boolean }[] = [
  { key: 'ideal', name: 'ideal persist-before-ack (node:http + pg)', entry: 'ingest/ideal-server.js', stores: true },
  { key: 'bolt', name: 'bare Bolt, ack only (framework ceiling)', entry: 'ingest/bare-bolt-server.js', stores: false },
  // With the heap cap scripts/start.js gives it: Chamado as `npm start` runs it.
  { key: 'chamado', name: 'Chamado', entry: 'ingest/chamado-server.js', stores: true, nodeArgs: [CHAMADO_HEAP_CAP] },
  // The same, on a twin database without the GIN index on ticket_messages: what search costs ingest, measured side by side.
  { key: 'chamado-no-search-index', name: NO_SEARCH_INDEX, entry: 'ingest/chamado-server.js', stores: true, nodeArgs: [CHAMADO_HEAP_CAP], withoutSearchIndex: true },
  // Without it: how much of the RSS under load is a lazily grown heap (full run only).
  { key: 'chamado-uncapped', name: 'Chamado, no heap cap', entry: 'ingest/chamado-server.js', stores: true },
];

interface PgbenchRow {
  connections: number;
  tps: number;
  p50: number;
  p99: number;
  p999: number;
}

const countMessages = async (url: string) => Number((await query<{ n: string }>(url, 'SELECT count(*) AS n FROM ticket_messages'))[0].n);

let nextSeq = 1;

async function measure(server: ServerChild, dbUrl: string, connections: number, o: IngestOptions): Promise<Omit<Row, 'target' | 'connections'>> {
  const before = await countMessages(dbUrl);
  const watch = watchProcess(server.pid);
  const spec: LoadSpec = { url: `${server.url}/slack/events`, connections, durationSec: o.seconds, maxRequests: o.maxRequestsPerLevel, firstSeq: nextSeq, threads: o.threads };
  const result = await runJsonChild<LoadResult>('ingest/load.js', spec);
  const proc = watch.stop();
  // Counted the moment the load ends: an ack sent before its row committed would show as missing.
  const after = await countMessages(dbUrl);
  // Then wait until the count stops moving (at most 60 s): what an early ack left still to store.
  const drainStart = Date.now();
  let drained = after;
  for (let stable = 0; stable < 3 && Date.now() - drainStart < 60_000;) {
    await sleep(250);
    const n = await countMessages(dbUrl);
    stable = n === drained ? stable + 1 : 0;
    drained = n;
  }
  const drainSeconds = drained === after ? 0 : (Date.now() - drainStart - 750) / 1000;
  nextSeq += result.sent + 1;
  return { result, stored: after - before, drained: drained - before, drainSeconds, cpuPercent: proc.cpuPercent, rssMiB: proc.peakRssMiB };
}

export interface IngestReport {
  /** What BENCHMARKS.md shows: each server's throughput and p99 per level, and the ratios. */
  markdown: string;
  /** Every column of every server's rows, for bench/results/. */
  raw: string;
  rows: Row[];
}

export async function runIngest(pg: BenchPostgres, o: IngestOptions, log: (line: string) => void): Promise<IngestReport> {
  const db = await createBenchDatabase(pg, 'chamado_bench_ingest');
  const wanted = TARGETS.filter((t) => !o.targets || o.targets.includes(t.key));
  const bare = wanted.some((t) => t.withoutSearchIndex) ? await createBenchDatabase(pg, 'chamado_bench_ingest_no_search') : null;
  const slack = await startFakeSlack();
  const rows: Row[] = [];
  const idleRss = new Map<string, number>();
  const pgbenchRows: PgbenchRow[] = [];
  try {
    await seedThreads(db.url, o.threads);
    if (bare) {
      await seedThreads(bare.url, o.threads);
      await query(bare.url, `DROP INDEX ${MESSAGE_SEARCH_INDEX}`);
    }
    const env = {
      DATABASE_URL: db.url,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.url,
      LOG_LEVEL: 'info',
      NODE_ENV: 'production',
    };
    // Every server runs for the whole sweep of levels, and each level measures them one after the
    // other: the servers compared at a level are measured within the same minute, so a machine
    // whose speed drifts (a shared host) skews them alike. An idle server costs no CPU.
    const servers: { target: (typeof TARGETS)[number]; server: ServerChild; dbUrl: string }[] = [];
    try {
      for (const target of wanted) {
        let server: ServerChild;
        const dbUrl = target.withoutSearchIndex && bare ? bare.url : db.url;
        try {
          const nodeArgs = [...(target.nodeArgs ?? []), ...(target.key === 'chamado' ? o.chamadoNodeArgs ?? [] : [])];
          server = await startServerChild(target.entry, { ...env, DATABASE_URL: dbUrl }, nodeArgs);
        } catch (error) {
          log(`  ${target.name}: did not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
          continue;
        }
        servers.push({ target, server, dbUrl });
        await sleep(1000);
        idleRss.set(target.name, sampleProcess(server.pid)?.rssMiB ?? NaN);
        // Warm-up: JIT, pool connections, caches; not counted.
        await measure(server, dbUrl, 8, { ...o, seconds: 1, maxRequestsPerLevel: 2000 });
      }
      for (const connections of o.levels) {
        for (const { target, server, dbUrl } of servers) {
          await sleep(300);
          const m = await measure(server, dbUrl, connections, o);
          rows.push({ target: target.name, connections, ...m, stored: target.stores ? m.stored : null, drained: target.stores ? m.drained : null });
          const usage = `cpu ${m.cpuPercent?.toFixed(0)}%, rss ${m.rssMiB?.toFixed(0)} MiB`;
          log(`  ${target.name} c=${connections}: ${m.result.rps.toFixed(0)} acks/s p99 ${m.result.p99} ms, stored ${m.stored}/${m.result.acks}, ${usage}`);
        }
      }
    } finally {
      await Promise.all(servers.map(({ server }) => server.stop()));
    }
    // The tables list each server's levels together.
    const order = (r: Row) => TARGETS.findIndex((t) => t.name === r.target);
    rows.sort((a, b) => order(a) - order(b) || a.connections - b.connections);
    const pgbench = findPgbench();
    if (pgbench && (!o.targets || o.targets.includes('pgbench'))) {
      for (const connections of o.levels) {
        // Postgres allows 100 connections and other clients share them: pgbench stops at 64.
        if (connections > 64) continue;
        try {
          const r = await runPgbench(pgbench, db.url, connections, o.seconds, o.threads);
          pgbenchRows.push({ connections, ...r });
          log(`  pgbench c=${connections}: ${r.tps.toFixed(0)} tps p99 ${r.p99.toFixed(2)} ms`);
        } catch (error) {
          log(`  pgbench c=${connections} failed: ${error instanceof Error ? error.message.split('\n').slice(0, 3).join(' ') : String(error)}`);
        }
      }
    }
  } finally {
    await slack.close();
    await db.drop();
    await bare?.drop();
  }
  const idle = table(['server', 'RSS MiB 1 s after start, before any load'], [...idleRss].map(([name, rss]): Cell[] => [name, rss]));
  return { rows, markdown: summarize(rows, pgbenchRows, o), raw: `${render(rows, pgbenchRows, o)}\n\n${idle}` };
}

/** One row per level: each server's acks/s and p99, the database ceiling, and Chamado against the ideal server. */
function summarize(rows: Row[], pgbenchRows: PgbenchRow[], o: IngestOptions): string {
  const names = TARGETS.map((t) => t.name).filter((name) => rows.some((r) => r.target === name));
  const at = (name: string, c: number) => rows.find((r) => r.target === name && r.connections === c);
  const cellOf = (r?: Row): Cell => (r ? `${formatNumber(r.result.rps)} (${r.result.p99})` : null);
  const chamado = rows.filter((r) => r.target === 'Chamado');
  const best = (rs: Row[]) => rs.reduce<Row | null>((b, r) => (!b || r.result.rps > b.result.rps ? r : b), null);
  const bc = best(chamado);
  const bi = best(rows.filter((r) => r.target === TARGETS[0].name));
  const lost = chamado.reduce((sum, r) => sum + Math.max(0, r.result.acks - (r.stored ?? 0)), 0);
  const rss = chamado.length ? Math.max(...chamado.map((r) => r.rssMiB ?? 0)) : null;
  const levels = table(
    ['connections', ...names.map((n) => `${n}: acks/s (p99 ms)`), 'pgbench, same SQL: tps (p99 ms)', 'Chamado / ideal'],
    o.levels.map((c): Cell[] => {
      const ch = at('Chamado', c);
      const ideal = at(TARGETS[0].name, c);
      const pgb = pgbenchRows.find((p) => p.connections === c);
      return [c, ...names.map((n) => cellOf(at(n, c))), pgb ? `${formatNumber(pgb.tps)} (${formatNumber(pgb.p99)})` : null,
        ch && ideal ? `${((ch.result.rps / ideal.result.rps) * 100).toFixed(0)} %` : null];
    }),
  );
  return [
    `Each level: ${o.seconds} s or ${o.maxRequestsPerLevel.toLocaleString('en-US')} requests, from a separate autocannon process on 127.0.0.1; ` +
      `${o.threads.toLocaleString('en-US')} seeded ticket threads, every event a unique signed reply.`,
    '',
    bc && bi
      ? `Peak: Chamado ${bc.result.rps.toFixed(0)} acks/s at ${bc.connections} connections (p99 ${bc.result.p99} ms), ` +
        `${((bc.result.rps / bi.result.rps) * 100).toFixed(0)} % of the ideal server's peak (${bi.result.rps.toFixed(0)} at ${bi.connections}). ` +
        `Acked but not stored: ${lost}. Peak RSS of Chamado: ${rss?.toFixed(0)} MiB.`
      : 'Chamado or the ideal server did not run.',
    '',
    levels,
  ].join('\n');
}

function render(rows: Row[], pgbenchRows: PgbenchRow[], o: IngestOptions): string {
  const lost = (r: Row): Cell => (r.stored === null ? 'n/a (stores nothing)' : Math.max(0, r.result.acks - r.stored));
  const main = table(
    [
      'server', 'connections', 'acks/s', 'p50 ms', 'p99 ms', 'p99.9 ms', 'acks', 'rows stored at end of load', 'acked but not stored', 'rows after drain (s)',
      'stored/s incl. drain', 'non-2xx + errors', 'server CPU %', 'server peak RSS MiB',
    ],
    [
      ...rows.map((r): Cell[] => [
        r.target, r.connections, r.result.rps, r.result.p50, r.result.p99, r.result.p999, r.result.acks, r.stored, lost(r),
        r.drained === null ? null : `${r.drained.toLocaleString('en-US')} (${(r.drainSeconds ?? 0).toFixed(1)} s)`,
        r.drained === null ? null : r.drained / (r.result.seconds + (r.drainSeconds ?? 0)),
        r.result.non2xx + r.result.errors + r.result.timeouts, r.cpuPercent, r.rssMiB,
      ]),
      ...pgbenchRows.map((p): Cell[] => ['pgbench, same SQL (database ceiling)', p.connections, p.tps, p.p50, p.p99, p.p999, null, null, null, null, null, null, null, null]),
    ],
  );
  const is = (r: Row, name: string) => (name === 'Chamado' ? r.target === name : r.target.startsWith(name));
  const at = (name: string, c: number) => rows.find((r) => is(r, name) && r.connections === c);
  const ratios = table(
    ['connections', 'Chamado acks/s', 'Chamado / ideal', 'Chamado / bare Bolt', 'ideal / pgbench', 'Chamado p99 ms', 'Chamado acked but not stored'],
    o.levels.map((c): Cell[] => {
      const ch = at('Chamado', c);
      const ideal = at('ideal', c);
      const bolt = at('bare Bolt', c);
      const pgb = pgbenchRows.find((p) => p.connections === c);
      const pct = (a?: number, b?: number): Cell => (a !== undefined && b ? `${((a / b) * 100).toFixed(0)} %` : null);
      const rps = ch?.result.rps;
      return [c, rps ?? null, pct(rps, ideal?.result.rps), pct(rps, bolt?.result.rps), pct(ideal?.result.rps, pgb?.tps), ch?.result.p99 ?? null, ch ? lost(ch) : null];
    }),
  );
  const best = (name: string) => rows.filter((r) => is(r, name)).reduce<Row | null>((b, r) => (!b || r.result.rps > b.result.rps ? r : b), null);
  const bc = best('Chamado');
  const bi = best('ideal');
  const headline = bc && bi
    ? `Peak: Chamado ${bc.result.rps.toFixed(0)} acks/s at ${bc.connections} connections (p99 ${bc.result.p99} ms) = ` +
      `**${((bc.result.rps / bi.result.rps) * 100).toFixed(0)} %** of the ideal server's peak ${bi.result.rps.toFixed(0)} acks/s (at ${bi.connections}); ` +
      `peak RSS of Chamado ${Math.max(...rows.filter((r) => r.target === 'Chamado').map((r) => r.rssMiB ?? 0)).toFixed(0)} MiB.`
    : 'Chamado or the ideal server did not run.';
  return [
    `Each level: ${o.seconds} s or ${o.maxRequestsPerLevel.toLocaleString('en-US')} requests, whichever comes first, from a separate autocannon process on 127.0.0.1; ` +
      `${o.threads.toLocaleString('en-US')} seeded ticket threads, every event a unique signed reply. Rows are counted the moment the load ends.`,
    '',
    headline,
    '',
    main,
    '',
    ratios,
  ].join('\n');
}
