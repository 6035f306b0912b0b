import { openTicket, runCommand } from '../../src/core';
import { coreFixture, person, chatMessage, type CoreFixture } from '../support/core-fixture';
import { outboxRows } from '../support/outbox-rows';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const customer = person('U_CUST');

test('opens a ticket with number 1, status open, priority normal, the caller as requester', async () => {
  const ticket = await openTicket(f.deps, { actor: customer, title: '  Printer   on fire ', channelId: 'C1' });
  expect(ticket).toMatchObject({ number: 1, status: 'open', priority: 'normal', requesterId: 'U_CUST', title: 'Printer on fire' });
  const rows = await f.db.dataSource.query('SELECT user_id, role FROM ticket_participants WHERE ticket_id = $1', [ticket.id]);
  expect(rows).toEqual([{ user_id: 'U_CUST', role: 'requester' }]);
  expect((await outboxRows(f.db.dataSource, ticket.id)).map((r) => r.kind)).toEqual(['ticket_card', 'triage_announcement']);
});

test('keeps the first messages with their files and links', async () => {
  const msg = { ...chatMessage('U_CUST', 'see https://example.com/log.txt and <https://x.io/a|this>'), files: [{ name: 'shot.png', type: 'image/png', url: 'https://files/shot.png', size: 1200 }] };
  const ticket = await openTicket(f.deps, { actor: person('U_AGENT', true), title: 'Login broken', channelId: 'C1', messages: [msg] });
  expect(ticket.requesterId).toBe('U_CUST');
  const [row] = await f.db.dataSource.query('SELECT author_id, attachments FROM ticket_messages WHERE ticket_id = $1', [ticket.id]);
  expect(row.author_id).toBe('U_CUST');
  expect(row.attachments.files).toEqual([{ name: 'shot.png', type: 'image/png', url: 'https://files/shot.png', size: 1200 }]);
  expect(row.attachments.links).toEqual(['https://example.com/log.txt', 'https://x.io/a']);
});

test('runCommand new without a title asks for one', async () => {
  await expect(runCommand(f.deps, customer, 'novo', { channelId: 'C1' })).resolves.toEqual({ type: 'ask_title' });
});
