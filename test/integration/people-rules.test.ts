import { assignTicket, changeCc, claimTicket, nudgeTicket, openTicket, setPriority, ChamadoError, type Ticket } from '../../src/core';
import { coreFixture, person, type CoreFixture } from '../support/core-fixture';
import { eventsFor, postsFor } from '../support/outbox-rows';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);
const agent2 = person('U_AGENT2', true);
const customer = person('U_CUST');
const colleague = person('U_COLL');

const fresh = (): Promise<Ticket> => openTicket(f.deps, { actor: customer, title: 'Invoice wrong', channelId: 'C1' });
const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: ChamadoError) => e.code);
const roles = (id: string) => f.db.dataSource.query('SELECT user_id, role FROM ticket_participants WHERE ticket_id = $1 ORDER BY role, user_id', [id]);

test('any agent claims an open ticket and becomes its assignee', async () => {
  const t = await fresh();
  const claimed = await claimTicket(f.deps, agent, t.number);
  expect(claimed.assigneeId).toBe('U_AGENT');
  expect(await roles(t.id)).toEqual([{ user_id: 'U_AGENT', role: 'assignee' }, { user_id: 'U_CUST', role: 'requester' }]);
  expect((await eventsFor(f.db.dataSource, t.id)).at(-1)).toMatchObject({ type: 'assigned', data: { from: null, to: 'U_AGENT' } });
});

test('customers cannot claim, assign or set priority', async () => {
  const t = await fresh();
  expect(await code(claimTicket(f.deps, customer, t.number))).toBe('agents_only');
  expect(await code(assignTicket(f.deps, customer, t.number, 'U_COLL'))).toBe('agents_only');
  expect(await code(setPriority(f.deps, customer, t.number, 'urgent'))).toBe('agents_only');
  expect((await f.deps.store.tickets.byId(t.id))).toMatchObject({ assigneeId: null, priority: 'normal' });
});

test('an agent reassigns; claiming twice is refused', async () => {
  const t = await fresh();
  await claimTicket(f.deps, agent, t.number);
  expect(await code(claimTicket(f.deps, agent, t.number))).toBe('already_assigned');
  expect((await assignTicket(f.deps, agent, t.number, 'U_AGENT2')).assigneeId).toBe('U_AGENT2');
  expect(await roles(t.id)).toEqual([{ user_id: 'U_AGENT2', role: 'assignee' }, { user_id: 'U_CUST', role: 'requester' }]);
});

test('priority changes are audited and shown on the card', async () => {
  const t = await fresh();
  expect((await setPriority(f.deps, agent, t.number, 'urgent')).priority).toBe('urgent');
  expect(await code(setPriority(f.deps, agent, t.number, 'urgent'))).toBe('already_priority');
  expect((await postsFor(f.db.dataSource, t.id)).map((p) => p.kind)).toContain('card_update');
  expect((await eventsFor(f.db.dataSource, t.id)).at(-1)).toMatchObject({ type: 'priority_changed', data: { from: 'normal', to: 'urgent' } });
});

test('the requester CCs colleagues; duplicates and the requester are skipped', async () => {
  const t = await fresh();
  const { ticket, changed } = await changeCc(f.deps, customer, t.number, ['U_COLL', 'U_CUST', 'U_BOSS'], true);
  expect(changed).toEqual(['U_COLL', 'U_BOSS']);
  expect(ticket.ccIds).toEqual(['U_COLL', 'U_BOSS']);
  expect(await code(changeCc(f.deps, customer, t.number, ['U_COLL'], true))).toBe('already_cc');
  expect((await f.deps.store.tickets.byId(t.id))?.ccIds).toEqual(['U_COLL', 'U_BOSS']);
});

test('a CC’d colleague can take themselves off but not others, nor add people', async () => {
  const t = await fresh();
  await changeCc(f.deps, customer, t.number, ['U_COLL', 'U_BOSS'], true);
  expect(await code(changeCc(f.deps, colleague, t.number, ['U_BOSS'], false))).toBe('not_allowed');
  expect(await code(changeCc(f.deps, colleague, t.number, ['U_X'], true))).toBe('not_allowed');
  expect((await changeCc(f.deps, colleague, t.number, ['U_COLL'], false)).ticket.ccIds).toEqual(['U_BOSS']);
  expect(await code(changeCc(f.deps, agent, t.number, ['U_COLL'], false))).toBe('not_cc');
});

test('nudge mentions the assignee in the thread, and no agent by name when there is none (contract §8)', async () => {
  const t = await fresh();
  await nudgeTicket(f.deps, customer, t.number);
  await claimTicket(f.deps, agent2, t.number);
  await nudgeTicket(f.deps, customer, t.number);
  const notices = (await postsFor(f.db.dataSource, t.id)).flatMap((p) => (p.kind === 'thread_notice' && p.notice.key.startsWith('notices.nudge') ? [p.notice] : []));
  expect(notices).toEqual([
    expect.objectContaining({ key: 'notices.nudge_agents', params: { number: t.number, actor: 'U_CUST' } }),
    expect.objectContaining({ key: 'notices.nudge_assignee', mentions: ['U_AGENT2'], params: { number: t.number, actor: 'U_CUST', person: 'U_AGENT2' } }),
  ]);
  expect(notices[0].mentions ?? []).toEqual([]);
  expect(notices[0]).not.toHaveProperty('mentionAgents');
});

test('only the requester and CCs nudge; a closed ticket cannot be nudged', async () => {
  const t = await fresh();
  expect(await code(nudgeTicket(f.deps, agent, t.number))).toBe('not_allowed');
  expect(await code(nudgeTicket(f.deps, person('U_OTHER'), t.number))).toBe('ticket_not_found');
  await f.deps.store.transaction(async (r) => {
    const ticket = (await r.tickets.byId(t.id))!;
    ticket.status = 'closed';
    await r.tickets.save(ticket);
  });
  expect(await code(nudgeTicket(f.deps, customer, t.number))).toBe('ticket_closed');
});
