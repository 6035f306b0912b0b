import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { percentile } from '../stats';
import { pgbenchScript } from './ingest-sql';
import { CHANNEL, WORKSPACE } from './events';

export function findPgbench(): string | null {
  try {
    return execFileSync('which', ['pgbench'], { encoding: 'utf8' }).trim() || null;
  } catch {
    const dir = '/usr/lib/postgresql';
    if (!existsSync(dir)) return null;
    for (const v of readdirSync(dir).sort().reverse()) {
      const bin = path.join(dir, v, 'bin', 'pgbench');
      if (existsSync(bin)) return bin;
    }
    return null;
  }
}

export interface PgbenchResult {
  tps: number;
  transactions: number;
  p50: number;
  p99: number;
  p999: number;
}

/** pgbench running the ideal server's transaction, `clients` connections for `seconds`, latencies from its log. */
export async function runPgbench(bin: string, url: string, clients: number, seconds: number, threads: number): Promise<PgbenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'chamado-pgbench-'));
  try {
    const script = path.join(dir, 'reply.sql');
    writeFileSync(script, pgbenchScript(WORKSPACE, CHANNEL, threads));
    const args = [
      '-n', '-M', 'simple', '-c', String(clients), '-j', String(Math.min(clients, 2)), '-T', String(seconds), '-f', script, '--log', '--log-prefix', path.join(dir, 'tx'), url,
    ];
    const out = await new Promise<string>((resolve, reject) => {
      const child = spawn(bin, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
      child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
      child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`pgbench exited with ${code}: ${text.slice(-1500)}`))));
    });
    const tps = Number(/tps = ([\d.]+)/.exec(out)?.[1] ?? NaN);
    const latencies: number[] = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx'))) {
      for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length > 2) latencies.push(Number(fields[2]) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    return { tps, transactions: latencies.length, p50: percentile(latencies, 50), p99: percentile(latencies, 99), p999: percentile(latencies, 99.9) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
