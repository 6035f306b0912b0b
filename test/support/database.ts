import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import type { PlatformRecords, Store } from '../../src/core';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { createStore } from '../../src/persistence/typeorm-store';
import { createPlatformRecords } from '../../src/persistence/wiring';

export interface TestDatabase {
  url: string;
  name: string;
  dataSource: DataSource;
  store: Store;
  /** The adapters' records (card locations, conversation log, …). */
  records: PlatformRecords;
  drop(): Promise<void>;
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: process.env.CHAMADO_TEST_ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export function databaseUrl(name: string): string {
  const url = new URL(process.env.CHAMADO_TEST_ADMIN_URL!);
  url.pathname = `/${name}`;
  return url.toString();
}

/** An empty database with no tables, for migration tests. */
export async function createEmptyDatabase(): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `chamado_t_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${name}`));
  return { name, url: databaseUrl(name), drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined) };
}

/** A fresh, migrated database of its own for one test file (a clone of the run's template). */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `chamado_t_${randomBytes(5).toString('hex')}`;
  const template = process.env.CHAMADO_TEST_TEMPLATE!;
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`));
      break;
    } catch (error) {
      // Two files cloning the template at the same instant collide; the clone itself is quick.
      if (attempt > 20 || !String(error).includes('being accessed by other users')) throw error;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = databaseUrl(name);
  const dataSource = new DataSource(dataSourceOptions(url, { poolSize: 5 }));
  await dataSource.initialize();
  return {
    url,
    name,
    dataSource,
    store: createStore(dataSource),
    records: createPlatformRecords(dataSource),
    drop: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}
