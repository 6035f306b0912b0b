import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/persistence/data-source-options';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.drop();
});

async function settingsOf(url: string): Promise<Record<string, string>> {
  const ds = new DataSource(dataSourceOptions(url, { poolSize: 1 }));
  await ds.initialize();
  try {
    const [plan] = await ds.query('SHOW plan_cache_mode');
    const [timeout] = await ds.query('SHOW statement_timeout');
    return { plan: plan.plan_cache_mode, timeout: timeout.statement_timeout };
  } finally {
    await ds.destroy();
  }
}

test('Chamado\'s connections plan every statement for the table as it is now', async () => {
  expect(await settingsOf(db.url)).toEqual({ plan: 'force_custom_plan', timeout: '0' });
});

test('options the DATABASE_URL already gives are kept beside it', async () => {
  const url = new URL(db.url);
  url.searchParams.set('options', '-c statement_timeout=12345');
  expect(await settingsOf(url.toString())).toEqual({ plan: 'force_custom_plan', timeout: '12345ms' });
});
