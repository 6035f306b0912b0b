import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createLogger } from '../src/logger';
import { dataSourceOptions } from '../src/persistence/data-source-options';
import { startEmbeddedPostgres } from '../src/persistence/embedded-postgres';

export const MACHINE_POSTGRES = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchPostgres {
  adminUrl: string;
  /** Where the server runs: the machine's own, or an embedded one started for the run. */
  where: string;
  version: string;
  /** pgbench may only be pointed at a server whose binaries we know; null when none is at hand. */
  stop(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 1500 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

/** The machine's Postgres on 127.0.0.1:5432 when it answers (BENCH_DATABASE_URL overrides), else an embedded one. */
export async function openBenchPostgres(): Promise<BenchPostgres> {
  const wanted = process.env.BENCH_DATABASE_URL ?? MACHINE_POSTGRES;
  let adminUrl = wanted;
  let where = `server at ${new URL(wanted).host}`;
  let stop = async () => undefined;
  if (!(await reachable(wanted))) {
    const dir = await mkdtemp(path.join(tmpdir(), 'chamado-bench-pg-'));
    const embedded = await startEmbeddedPostgres(dir, createLogger('warn'));
    adminUrl = embedded.url;
    where = 'embedded-postgres, started for this run';
    stop = async () => {
      await embedded.stop();
      await rm(dir, { recursive: true, force: true });
    };
  }
  const [{ server_version: version }] = await query<{ server_version: string }>(adminUrl, 'SHOW server_version');
  return { adminUrl, where, version: `PostgreSQL ${version.split(' ')[0]}`, stop };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** A fresh database of the bench's own, migrated by the app's migrations; `drop` removes it. */
export async function createBenchDatabase(pg: BenchPostgres, name: string): Promise<{ url: string; drop(): Promise<void> }> {
  await query(pg.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await query(pg.adminUrl, `CREATE DATABASE ${name}`);
  const url = databaseUrl(pg.adminUrl, name);
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 1, applicationName: 'chamado-bench' }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();
  return { url, drop: async () => void (await query(pg.adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

/**
 * A database kept between runs (`--scale-db=<name>`): seeding 1 M tickets takes most of the
 * full run, so a kept one is reused when its recorded size matches, after any newer migrations.
 * `seeded` says whether it already holds the data; `markSeeded` records it once seeding is done.
 */
export async function keptBenchDatabase(pg: BenchPostgres, name: string, size: string): Promise<{ url: string; seeded: boolean; markSeeded(): Promise<void> }> {
  const exists = await query(pg.adminUrl, 'SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  const url = databaseUrl(pg.adminUrl, name);
  let seeded = false;
  if (exists.length > 0) {
    const marker = await query<{ size: string }>(url, `SELECT size FROM bench_seed WHERE size = $1`, [size]).catch(() => []);
    seeded = marker.length > 0;
  }
  if (!seeded) {
    await createBenchDatabase(pg, name);
  } else {
    const ds = new DataSource(dataSourceOptions(url, { poolSize: 1, applicationName: 'chamado-bench' }));
    await ds.initialize();
    await ds.runMigrations();
    await ds.destroy();
  }
  const markSeeded = async () => {
    await query(url, 'CREATE TABLE IF NOT EXISTS bench_seed (size text PRIMARY KEY)');
    await query(url, 'INSERT INTO bench_seed (size) VALUES ($1) ON CONFLICT DO NOTHING', [size]);
  };
  return { url, seeded, markSeeded };
}
