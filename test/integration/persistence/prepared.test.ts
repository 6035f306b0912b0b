import { DataSource } from 'typeorm';
import { openTicket, recordThreadMessages } from '../../../src/core';
import { dataSourceOptions } from '../../../src/persistence/data-source-options';
import { createStore } from '../../../src/persistence/typeorm-store';
import { chatMessage, coreFixture, person, type CoreFixture } from '../../support/core-fixture';

let f: CoreFixture;
let single: DataSource;
beforeAll(async () => {
  f = await coreFixture();
  // One connection: whatever a use case prepared is visible to the next query.
  single = new DataSource(dataSourceOptions(f.db.url, { poolSize: 1 }));
  await single.initialize();
});
afterAll(async () => {
  await single.destroy();
  await f.db.drop();
});

test('the reply path runs as statements prepared once per connection, and gives the same results', async () => {
  const deps = { ...f.deps, store: createStore(single) };
  const ticket = await openTicket(deps, { actor: person('U_CUST'), title: 'Prepared', channelId: 'C1' });
  await f.db.records.cardLocations.record(ticket.id, 'C1', '1700000555.000100');
  const reply = (id: string) => ({ workspaceId: ticket.workspaceId, platform: 'slack' as const, authorIsAgent: false, message: chatMessage('U_CUST', `reply ${id}`, { threadId: '1700000555.000100', id }) });

  for (const id of ['p-1', 'p-2', 'p-3']) expect((await recordThreadMessages(deps, [reply(id)]))[0].kind).toBe('recorded');
  expect((await recordThreadMessages(deps, [reply('p-2')]))[0].kind).toBe('duplicate');

  const prepared = (await single.query('SELECT name FROM pg_prepared_statements ORDER BY name')).map((r: { name: string }) => r.name);
  expect(prepared).toEqual(['chamado_insert_messages', 'chamado_lock_tickets_by_threads', 'chamado_save_tickets']);
  expect((await deps.store.messages.history(ticket.id, 10)).map((m) => m.platformMessageId)).toEqual(['p-1', 'p-2', 'p-3']);
});

test('outside a transaction the same repositories run plain queries', async () => {
  const ticket = await openTicket(f.deps, { actor: person('U_CUST'), title: 'Plain', channelId: 'C1' });
  await f.deps.store.tickets.save({ ...ticket, title: 'Plain, renamed' });
  expect((await f.deps.store.tickets.byId(ticket.id))?.title).toBe('Plain, renamed');
});
