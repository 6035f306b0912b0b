import { changeCc, changeStatus, listMyTickets, openTicket, runCommand, showTicket, homeView, claimTicket, ChamadoError } from '../../src/core';
import { coreFixture, person, type CoreFixture } from '../support/core-fixture';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const alice = person('U_ALICE');
const bob = person('U_BOB');
const agent = person('U_AGENT', true);
const otherWorkspaceAgent = person('U_AGENT', true, 'en', 'slack:T_OTHER');

test('"my tickets" holds what I requested, am assigned to or am CC’d on, newest first', async () => {
  const mine = await openTicket(f.deps, { actor: alice, title: 'Mine', channelId: 'C1' });
  f.clock.advance(1000);
  const bobs = await openTicket(f.deps, { actor: bob, title: 'Bob’s', channelId: 'C1' });
  f.clock.advance(1000);
  const ccd = await openTicket(f.deps, { actor: bob, title: 'CC’d', channelId: 'C1' });
  await changeCc(f.deps, bob, ccd.number, ['U_ALICE'], true);
  const list = await listMyTickets(f.deps, alice, 'active');
  expect(list.map((t) => t.number)).toEqual([ccd.number, mine.number]);
  expect(list.map((t) => t.number)).not.toContain(bobs.number);
  await claimTicket(f.deps, agent, bobs.number);
  expect((await listMyTickets(f.deps, agent, 'all')).map((t) => t.number)).toEqual([bobs.number]);
});

test('a customer cannot show another customer’s ticket; the CC can', async () => {
  const t = await openTicket(f.deps, { actor: bob, title: 'Private', channelId: 'C1' });
  await expect(showTicket(f.deps, alice, t.number)).rejects.toMatchObject({ code: 'ticket_not_found' });
  await changeCc(f.deps, bob, t.number, ['U_ALICE'], true);
  expect((await showTicket(f.deps, alice, t.number)).ticket.title).toBe('Private');
  expect((await showTicket(f.deps, agent, t.number)).ticket.title).toBe('Private');
});

test('no workspace sees another’s tickets, even an agent with the same user id', async () => {
  const t = await openTicket(f.deps, { actor: alice, title: 'Workspace one', channelId: 'C1' });
  await expect(showTicket(f.deps, otherWorkspaceAgent, t.number)).rejects.toBeInstanceOf(ChamadoError);
  expect(await listMyTickets(f.deps, person('U_ALICE', false, 'en', 'slack:T_OTHER'), 'all')).toEqual([]);
  const result = await runCommand(f.deps, otherWorkspaceAgent, `close #${t.number}`, { channelId: 'C9' });
  expect(result).toEqual({ type: 'error', code: 'ticket_not_found', params: { number: t.number } });
});

test('each workspace numbers its tickets from 1', async () => {
  const first = await openTicket(f.deps, { actor: person('U_Z', false, 'en', 'teams:tenant-9'), title: 'Teams one', channelId: '19:abc@thread.tacv2' });
  expect(first.number).toBe(1);
  expect(first.platform).toBe('teams');
});

test('list filters by status', async () => {
  const carol = person('U_CAROL');
  const a = await openTicket(f.deps, { actor: carol, title: 'A', channelId: 'C1' });
  const b = await openTicket(f.deps, { actor: carol, title: 'B', channelId: 'C1' });
  await runCommand(f.deps, carol, `close ${a.number}`, { channelId: 'C1' });
  const numbers = async (filter: 'active' | 'closed' | 'all' | 'open' | 'pending') => (await listMyTickets(f.deps, carol, filter)).map((t) => t.number);
  expect(await numbers('active')).toEqual([b.number]);
  expect(await numbers('closed')).toEqual([a.number]);
  expect(await numbers('all')).toEqual([b.number, a.number]);
  expect(await numbers('pending')).toEqual([]);
});

test('home view: agents also see unassigned open tickets, customers do not', async () => {
  const dave = person('U_DAVE');
  const t = await openTicket(f.deps, { actor: dave, title: 'Unclaimed', channelId: 'C1' });
  expect((await homeView(f.deps, agent)).unassigned.map((x) => x.number)).toContain(t.number);
  expect((await homeView(f.deps, dave)).unassigned).toEqual([]);
  expect((await homeView(f.deps, dave)).active.map((x) => x.number)).toEqual([t.number]);
});

test('show reports first response and resolution times', async () => {
  const erin = person('U_ERIN');
  const t = await openTicket(f.deps, { actor: erin, title: 'Timing', channelId: 'C1' });
  f.clock.advance(30 * 60_000);
  await runCommand(f.deps, agent, `status ${t.number} pending`, { channelId: 'C1' });
  f.clock.advance(90 * 60_000);
  await runCommand(f.deps, agent, `close ${t.number}`, { channelId: 'C1' });
  const detail = await showTicket(f.deps, erin, t.number);
  expect(detail.firstResponseMs).toBe(30 * 60_000);
  expect(detail.resolutionMs).toBe(120 * 60_000);
});

test('a listed ticket is the whole ticket, CC list in the order people were added', async () => {
  const dave = person('U_DAVE');
  const t = await openTicket(f.deps, { actor: dave, title: 'With CCs', channelId: 'C1' });
  await changeCc(f.deps, dave, t.number, ['U_CC2', 'U_CC1'], true);
  const [listed] = await listMyTickets(f.deps, dave, 'active');
  expect(listed).toEqual(await f.deps.store.tickets.byId(t.id));
  expect(listed.ccIds).toEqual(['U_CC2', 'U_CC1']);
  const unassigned = await f.deps.store.tickets.listUnassigned(dave.workspaceId, 100);
  expect(unassigned.find((u) => u.id === t.id)).toEqual(listed);
});

test('someone on more than a page of tickets, requester and assignee of each, gets the newest 25, each once', async () => {
  const erin = person('U_PAGER', true);
  const numbers: number[] = [];
  for (let i = 0; i < 30; i++) {
    f.clock.advance(1000);
    const t = await openTicket(f.deps, { actor: erin, title: `Page ${i}`, channelId: 'C1' });
    await claimTicket(f.deps, erin, t.number);
    numbers.push(t.number);
  }
  const roles = await f.db.dataSource.query(`SELECT count(*)::int AS n FROM ticket_participants WHERE user_id = 'U_PAGER'`);
  expect(roles).toEqual([{ n: 60 }]);
  expect((await listMyTickets(f.deps, erin, 'active')).map((t) => t.number)).toEqual(numbers.slice(-25).reverse());
});

test('the list follows a ticket through Pending and Closed, and no participant row keeps a stale status', async () => {
  const gus = person('U_GUS');
  const t = await openTicket(f.deps, { actor: gus, title: 'Moving', channelId: 'C1' });
  await changeCc(f.deps, gus, t.number, ['U_GUS_BOSS'], true);
  const boss = person('U_GUS_BOSS');
  await changeStatus(f.deps, agent, t.number, 'pending');
  for (const who of [gus, boss]) expect((await listMyTickets(f.deps, who, 'pending')).map((x) => x.number)).toEqual([t.number]);
  await runCommand(f.deps, gus, `close #${t.number}`, { channelId: 'C1' });
  for (const who of [gus, boss]) {
    expect(await listMyTickets(f.deps, who, 'active')).toEqual([]);
    expect((await listMyTickets(f.deps, who, 'closed')).map((x) => x.number)).toEqual([t.number]);
  }
  const stale = await f.db.dataSource.query(`SELECT count(*)::int AS n FROM ticket_participants p JOIN tickets t ON t.id = p.ticket_id
    WHERE p.ticket_status <> t.status OR p.ticket_created_at <> t.created_at OR p.ticket_number <> t.number`);
  expect(stale).toEqual([{ n: 0 }]);
});
