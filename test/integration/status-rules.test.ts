import { changeStatus, openTicket, setLanguage, ChamadoError, type Ticket } from '../../src/core';
import { coreFixture, person, type CoreFixture } from '../support/core-fixture';
import { eventsFor, postsFor } from '../support/outbox-rows';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);
const customer = person('U_CUST');
const colleague = person('U_COLL');
const stranger = person('U_STRANGER');

async function fresh(): Promise<Ticket> {
  return openTicket(f.deps, { actor: customer, title: 'VPN drops', channelId: 'C1' });
}

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: ChamadoError) => e.code);

test('an agent moves a ticket Open → Pending → Open → Closed, each step audited', async () => {
  const t = await fresh();
  f.clock.advance(60_000);
  const pending = await changeStatus(f.deps, agent, t.number, 'pending');
  expect(pending).toMatchObject({ status: 'pending' });
  expect(pending.pendingSince).toEqual(f.clock.now());
  expect(pending.firstResponseAt).toEqual(f.clock.now());
  const reopened = await changeStatus(f.deps, agent, t.number, 'open');
  expect(reopened.pendingSince).toBeNull();
  const closed = await changeStatus(f.deps, agent, t.number, 'closed');
  expect(closed).toMatchObject({ status: 'closed', closeReason: 'closed_by_agent' });
  expect(closed.closedAt).toEqual(f.clock.now());
  const events = await eventsFor(f.db.dataSource, t.id);
  expect(events.filter((e) => e.type === 'status_changed').map((e) => [e.data.from, e.data.to, e.actor_id])).toEqual([
    ['open', 'pending', 'U_AGENT'], ['pending', 'open', 'U_AGENT'], ['open', 'closed', 'U_AGENT'],
  ]);
});

test('every status change queues a card update and a thread line naming #n and the status', async () => {
  const t = await fresh();
  await changeStatus(f.deps, agent, t.number, 'pending');
  const posts = await postsFor(f.db.dataSource, t.id);
  expect(posts.map((p) => p.kind)).toEqual(['ticket_card', 'triage_announcement', 'card_update', 'thread_notice']);
  const notice = posts[3];
  expect(notice.kind === 'thread_notice' && notice.notice).toMatchObject({
    key: 'notices.status_pending', params: { number: t.number, status: 'pending', waitCount: 7, waitUnit: 'days' }, locale: 'en',
  });
});

test('the thread line is in the requester’s language', async () => {
  const requester = person('U_PT');
  await setLanguage(f.deps, requester, 'pt-BR');
  const t = await openTicket(f.deps, { actor: requester, title: 'Sem acesso', channelId: 'C1' });
  await changeStatus(f.deps, agent, t.number, 'pending');
  const last = (await postsFor(f.db.dataSource, t.id)).at(-1);
  expect(last?.kind === 'thread_notice' && last.notice.locale).toBe('pt-BR');
});

test('the requester may close and reopen their own ticket', async () => {
  const t = await fresh();
  expect((await changeStatus(f.deps, customer, t.number, 'closed')).closeReason).toBe('closed_by_requester');
  expect((await changeStatus(f.deps, customer, t.number, 'open')).status).toBe('open');
});

test('the requester may not set Pending, and nothing changes', async () => {
  const t = await fresh();
  const before = await postsFor(f.db.dataSource, t.id);
  expect(await code(changeStatus(f.deps, customer, t.number, 'pending'))).toBe('not_allowed');
  expect((await f.deps.store.tickets.byId(t.id))?.status).toBe('open');
  expect(await postsFor(f.db.dataSource, t.id)).toEqual(before);
  expect((await eventsFor(f.db.dataSource, t.id)).map((e) => e.type)).toEqual(['created']);
});

test('a CC’d colleague may not close the ticket', async () => {
  const t = await fresh();
  await f.deps.store.transaction(async (r) => {
    const ticket = (await r.tickets.byId(t.id))!;
    ticket.ccIds = ['U_COLL'];
    await r.tickets.saveParticipants(ticket);
  });
  expect(await code(changeStatus(f.deps, colleague, t.number, 'closed'))).toBe('not_allowed');
});

test('someone who cannot see the ticket is told it does not exist', async () => {
  const t = await fresh();
  expect(await code(changeStatus(f.deps, stranger, t.number, 'closed'))).toBe('ticket_not_found');
  expect(await code(changeStatus(f.deps, agent, 999_999, 'closed'))).toBe('ticket_not_found');
});

test('setting the status a ticket already has is refused', async () => {
  const t = await fresh();
  expect(await code(changeStatus(f.deps, agent, t.number, 'open'))).toBe('already_in_status');
});

