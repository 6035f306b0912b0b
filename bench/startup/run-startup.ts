/**
 * `npm start` to a healthy /healthz: on the embedded Postgres with a fresh DATA_DIR (initdb,
 * migrations), again on the same DATA_DIR (warm), and with DATABASE_URL (fresh database, then
 * migrated). Each start is a new process group of our own, stopped with SIGTERM after.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../src/persistence/embedded-postgres';
import { createBenchDatabase, query, type BenchPostgres } from '../postgres';
import { table, type Cell } from '../report';
import { sleep, summarize } from '../stats';

const ROOT = path.join(__dirname, '..', '..', '..');

/** SIGTERM to the process group we started; SIGKILL after 20 s. Returns how long the stop took. */
async function stopGroup(pid: number, done: () => boolean, exited: Promise<void>): Promise<number> {
  const s0 = performance.now();
  if (!done()) process.kill(-pid, 'SIGTERM');
  const force = setTimeout(() => !done() && process.kill(-pid, 'SIGKILL'), 20_000);
  await exited;
  // npm exits at once; the app under it (and its embedded Postgres) may still be stopping.
  const groupAlive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  while (groupAlive() && performance.now() - s0 < 30_000) await sleep(10);
  clearTimeout(force);
  return performance.now() - s0;
}

/** "After the build": build now, and mark the build fresh the way scripts/start.js does. */
function ensureBuilt(): void {
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(ROOT, 'tsconfig.build.json')], { cwd: ROOT, stdio: 'ignore' });
  const entry = path.join(ROOT, 'dist', 'src', 'main.js');
  utimesSync(entry, new Date(), new Date());
}

async function startToHealthy(env: Record<string, string>): Promise<{ ms: number; stopMs: number }> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn('npm', ['start', '--silent'], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  let err = '';
  child.stderr.on('data', (c: Buffer) => (err += c.toString('utf8')));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  let ms = NaN;
  try {
    for (let alive = true; alive && performance.now() - t0 < 60_000;) {
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.status === 200, () => false);
      if (ok) {
        ms = performance.now() - t0;
        break;
      }
      alive = child.exitCode === null;
      await sleep(25);
    }
    if (Number.isNaN(ms)) throw new Error(`npm start did not become healthy: ${err.slice(-1000)}`);
  } finally {
    // A var: the measurement is read after the finally, whatever the try did.
    var stopMs = await stopGroup(child.pid!, () => child.exitCode !== null, exited); // eslint-disable-line no-var
  }
  return { ms, stopMs };
}

export interface StartupResult {
  markdown: string;
  coldEmbeddedMaxMs: number;
}

export async function runStartup(pg: BenchPostgres, runs: number, log: (line: string) => void): Promise<StartupResult> {
  try {
    ensureBuilt();
  } catch {
    log('  the build reported type errors; measuring the emitted build');
  }
  const rows: { what: string; samples: number[]; stops: number[] }[] = [];
  const add = (what: string) => {
    const row = { what, samples: [] as number[], stops: [] as number[] };
    rows.push(row);
    return row;
  };
  const cold = add('embedded Postgres, fresh DATA_DIR (initdb + migrations)');
  const warm = add('embedded Postgres, same DATA_DIR again (warm)');
  for (let i = 0; i < runs; i++) {
    const dir = mkdtempSync(path.join(tmpdir(), 'chamado-bench-start-'));
    try {
      const c = await startToHealthy({ DATA_DIR: dir, DATABASE_URL: '' });
      cold.samples.push(c.ms);
      cold.stops.push(c.stopMs);
      const w = await startToHealthy({ DATA_DIR: dir, DATABASE_URL: '' });
      warm.samples.push(w.ms);
      warm.stops.push(w.stopMs);
      log(`  embedded: cold ${c.ms.toFixed(0)} ms, warm ${w.ms.toFixed(0)} ms`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const fresh = add(`DATABASE_URL (${pg.where}), empty database (migrations)`);
  const migrated = add(`DATABASE_URL (${pg.where}), migrated database`);
  for (let i = 0; i < runs; i++) {
    const db = await createBenchDatabase(pg, 'chamado_bench_start');
    try {
      // An empty database: the bench's helper migrates, so its schema is emptied again.
      const empty = await createBenchDatabase(pg, 'chamado_bench_start_empty');
      try {
        await query(empty.url, 'DROP SCHEMA public CASCADE; CREATE SCHEMA public');
        const f = await startToHealthy({ DATABASE_URL: empty.url });
        fresh.samples.push(f.ms);
        fresh.stops.push(f.stopMs);
      } finally {
        await empty.drop();
      }
      const m = await startToHealthy({ DATABASE_URL: db.url });
      migrated.samples.push(m.ms);
      migrated.stops.push(m.stopMs);
      log(`  DATABASE_URL: empty ${fresh.samples.at(-1)!.toFixed(0)} ms, migrated ${m.ms.toFixed(0)} ms`);
    } finally {
      await db.drop();
    }
  }
  const markdown = [
    `\`npm start\` (already built) until \`GET /healthz\` answers 200, polled every 25 ms; ${runs} run(s) each. Slack and Teams off. ` +
      '"stop" is SIGTERM until every process of the group has exited.',
    '',
    table(
      ['start', 'runs', 'to healthy p50 ms', 'max ms', 'stop p50 ms'],
      rows.map((r): Cell[] => [r.what, r.samples.length, summarize(r.samples).p50, summarize(r.samples).max, summarize(r.stops).p50]),
    ),
  ].join('\n');
  return { markdown, coldEmbeddedMaxMs: summarize(cold.samples).max };
}
