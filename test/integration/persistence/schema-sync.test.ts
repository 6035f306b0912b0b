import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
beforeAll(async () => { db = await createTestDatabase(); });
afterAll(async () => { await db.drop(); });

/**
 * The entities describe exactly what the migrations build, so `npm run migration:generate`
 * proposes only real changes, never "drop every index".
 */
test('the TypeORM entities and the migrated schema agree', async () => {
  const pending = await db.dataSource.driver.createSchemaBuilder().log();
  expect(pending.upQueries.map((q) => q.query)).toEqual([]);
});
