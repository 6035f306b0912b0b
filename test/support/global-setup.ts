import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createLogger } from '../../src/logger';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { startEmbeddedPostgres } from '../../src/persistence/embedded-postgres';

/**
 * One Postgres for the run: DATABASE_URL when given, else an embedded one in a temp folder.
 * Migrations run once into a template database; every test file clones it (test/support/database.ts).
 */
export default async function globalSetup(): Promise<void> {
  let adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'chamado-test-'));
    const embedded = await startEmbeddedPostgres(dataDir, createLogger('warn'));
    (globalThis as { __chamadoStop?: () => Promise<void> }).__chamadoStop = embedded.stop;
    adminUrl = embedded.url;
  }
  const template = `chamado_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();

  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const ds = new DataSource(dataSourceOptions(url.toString(), { poolSize: 1 }));
  await ds.initialize();
  await ds.runMigrations();
  await ds.destroy();

  process.env.CHAMADO_TEST_ADMIN_URL = adminUrl;
  process.env.CHAMADO_TEST_TEMPLATE = template;
}
