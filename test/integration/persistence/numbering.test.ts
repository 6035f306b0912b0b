import { DataSource } from 'typeorm';
import { openTicket, type UseCaseDeps } from '../../../src/core';
import { translate } from '../../../src/i18n';
import { dataSourceOptions } from '../../../src/persistence/data-source-options';
import { createStore } from '../../../src/persistence/typeorm-store';
import { person } from '../../support/core-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';

let db: TestDatabase;
let second: DataSource;
beforeAll(async () => {
  db = await createTestDatabase();
  // A second pool stands in for a second instance of the bot on the same database.
  second = new DataSource(dataSourceOptions(db.url, { poolSize: 5 }));
  await second.initialize();
});
afterAll(async () => {
  await second.destroy();
  await db.drop();
});

const depsFor = (ds: DataSource): UseCaseDeps => ({
  store: createStore(ds),
  clock: { now: () => new Date() },
  translate,
  settings: { defaultLocale: 'en', reminderSteps: [], autoCloseAfterMs: 1, firstResponseSlaMs: 1 },
});

test('forty tickets opened at once by two instances get numbers 1..40 without a gap or a collision', async () => {
  const instances = [depsFor(db.dataSource), depsFor(second)];
  const tickets = await Promise.all(
    Array.from({ length: 40 }, (_, i) => openTicket(instances[i % 2], { actor: person(`U${i}`, false, 'en', 'slack:T_RACE'), title: `t${i}`, channelId: 'C1' })),
  );
  expect(tickets.map((t) => t.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
});

test('workspaces count independently, and a rolled-back ticket does not consume a number', async () => {
  const deps = depsFor(db.dataSource);
  const a = await openTicket(deps, { actor: person('U1', false, 'en', 'slack:T_A'), title: 'a', channelId: 'C' });
  await expect(deps.store.transaction(async (repos) => {
    const { id: _id, number: _number, ...rest } = a;
    await repos.tickets.create({ ...rest, title: 'doomed' });
    throw new Error('rollback');
  })).rejects.toThrow('rollback');
  const b = await openTicket(deps, { actor: person('U1', false, 'en', 'slack:T_A'), title: 'b', channelId: 'C' });
  const c = await openTicket(deps, { actor: person('U1', false, 'en', 'slack:T_B'), title: 'c', channelId: 'C' });
  expect([a.number, b.number, c.number]).toEqual([1, 2, 1]);
});
