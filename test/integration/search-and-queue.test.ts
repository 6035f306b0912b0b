import {
  browseQueue, claimTicket, changeCc, changeStatus, openTicket, recordThreadMessages, runCommand, searchTickets, setPriority, workQueue, type Actor, type Ticket,
} from '../../src/core';
import { chatMessage, coreFixture, person, type CoreFixture } from '../support/core-fixture';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

/** Each test works in a workspace of its own, so numbers and results never mix. */
let wsSeq = 0;
const workspace = () => `slack:T_SQ${++wsSeq}`;

async function open(actor: Actor, title: string, messages: string[] = []): Promise<Ticket> {
  f.clock.advance(60_000);
  const ticket = await openTicket(f.deps, { actor, title, channelId: 'C1' });
  const threadId = `17000${wsSeq}${ticket.number}.000100`;
  await f.db.records.cardLocations.record(ticket.id, 'C1', threadId);
  if (messages.length > 0) {
    await recordThreadMessages(f.deps, messages.map((text) => ({
      workspaceId: actor.workspaceId, platform: 'slack', authorIsAgent: false, message: chatMessage(actor.userId, text, { threadId }),
    })));
  }
  return ticket;
}

const numbers = (tickets: Ticket[]) => tickets.map((t) => t.number);

describe('search', () => {
  test('ignores accents and case and knows Portuguese and English word forms', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const customer = person('U_CUST', false, 'en', ws);
    const config = await open(customer, 'Configurações da VPN');
    const printer = await open(customer, 'Printer on the 3rd floor', ['The printers keep jamming']);
    const impressao = await open(customer, 'Ajuda', ['A impressão sai borrada, não consigo imprimir']);
    await open(customer, 'Unrelated thing', ['nothing to see']);

    const found = async (words: string) => numbers(await searchTickets(f.deps, agent, words));
    expect(await found('configuracao')).toEqual([config.number]);
    expect(await found('CONFIGURAÇÃO vpn')).toEqual([config.number]);
    expect(await found('impressao')).toEqual([impressao.number]);
    expect(await found('IMPRESSÕES')).toEqual([impressao.number]);
    expect(await found('printer jammed')).toEqual([printer.number]);
    expect(await found('printers')).toEqual([printer.number]);
    expect(await found('printer vpn')).toEqual([]);
    expect(await found('the')).toEqual([printer.number]);
    expect(await found('zebra')).toEqual([]);
  });

  test('best match first (a title hit outweighs a message hit), ties newest first, at most 10', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const customer = person('U_CUST', false, 'en', ws);
    const inMessage = await open(customer, 'Something odd', ['the keyboard is broken']);
    const inTitle = await open(customer, 'Keyboard broken');
    const newerTitle = await open(customer, 'Keyboard broken again');
    expect(numbers(await searchTickets(f.deps, agent, 'keyboard'))).toEqual([newerTitle.number, inTitle.number, inMessage.number]);

    for (let i = 0; i < 12; i++) await open(customer, `Mouse ${i}`);
    const many = await searchTickets(f.deps, agent, 'mouse');
    expect(many).toHaveLength(10);
    expect(many[0].title).toBe('Mouse 11');
  });

  test('customers find only tickets they may see; agents their whole workspace, never another', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const alice = person('U_ALICE', false, 'en', ws);
    const bob = person('U_BOB', false, 'en', ws);
    const alices = await open(alice, 'Laptop battery', ['battery swells']);
    const bobs = await open(bob, 'Battery of the phone');
    const ccd = await open(bob, 'Another battery issue');
    await changeCc(f.deps, bob, ccd.number, ['U_ALICE'], true);
    const elsewhere = await open(person('U_ALICE', false, 'en', workspace()), 'Battery elsewhere');

    expect(numbers(await searchTickets(f.deps, alice, 'battery')).sort()).toEqual([alices.number, ccd.number].sort());
    expect(numbers(await searchTickets(f.deps, bob, 'battery')).sort()).toEqual([bobs.number, ccd.number].sort());
    const all = await searchTickets(f.deps, agent, 'battery');
    expect(numbers(all).sort()).toEqual([alices.number, bobs.number, ccd.number].sort());
    expect(all.every((t) => t.workspaceId === ws)).toBe(true);
    expect(all.map((t) => t.id)).not.toContain(elsewhere.id);
  });

  test('the command answers with the words and the tickets; no words asks for them', async () => {
    const ws = workspace();
    const customer = person('U_CUST', false, 'en', ws);
    const t = await open(customer, 'Senha expirada');
    expect(await runCommand(f.deps, customer, 'buscar SENHA', { channelId: 'C1' })).toMatchObject({ type: 'search', words: 'SENHA', tickets: [{ number: t.number }] });
    expect(await runCommand(f.deps, customer, 'search', { channelId: 'C1' })).toMatchObject({ type: 'error', code: 'search_words_required' });
  });
});

describe('queue', () => {
  test('agents only', async () => {
    const ws = workspace();
    await expect(workQueue(f.deps, person('U_CUST', false, 'en', ws), 'active')).rejects.toMatchObject({ code: 'agents_only' });
    expect(await runCommand(f.deps, person('U_CUST', false, 'en', ws), 'fila', { channelId: 'C1' })).toMatchObject({ type: 'error', code: 'agents_only' });
  });

  test('not closed; unassigned first, then urgent first, then the longest waiting; filters', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const customer = person('U_CUST', false, 'en', ws);
    const oldNormal = await open(customer, 'old normal');
    const assignedUrgent = await open(customer, 'assigned urgent');
    const newUrgent = await open(customer, 'new urgent');
    const closed = await open(customer, 'closed one');
    const pendingLow = await open(customer, 'pending low');
    const newNormal = await open(customer, 'new normal');
    await setPriority(f.deps, agent, assignedUrgent.number, 'urgent');
    await claimTicket(f.deps, agent, assignedUrgent.number);
    await setPriority(f.deps, agent, newUrgent.number, 'urgent');
    await changeStatus(f.deps, agent, closed.number, 'closed');
    await setPriority(f.deps, agent, pendingLow.number, 'low');
    await changeStatus(f.deps, agent, pendingLow.number, 'pending');

    const order = async (filter: 'active' | 'open' | 'pending' | 'unassigned') => numbers((await workQueue(f.deps, agent, filter)).tickets);
    expect(await order('active')).toEqual([newUrgent.number, oldNormal.number, newNormal.number, pendingLow.number, assignedUrgent.number]);
    expect(await order('open')).toEqual([newUrgent.number, oldNormal.number, newNormal.number, assignedUrgent.number]);
    expect(await order('pending')).toEqual([pendingLow.number]);
    expect(await order('unassigned')).toEqual([newUrgent.number, oldNormal.number, newNormal.number, pendingLow.number]);
  });

  test('at most 20, saying how many more there are', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    for (let i = 0; i < 23; i++) await open(person('U_CUST', false, 'en', ws), `t${i}`);
    const view = await workQueue(f.deps, agent, 'active');
    expect(view.tickets).toHaveLength(20);
    expect(view.more).toBe(3);
    expect(view.tickets[0].title).toBe('t0');
    expect((await workQueue(f.deps, agent, 'pending')).more).toBe(0);
  });
});

describe('the web queue (browseQueue)', () => {
  const browse = (over: Partial<Parameters<typeof browseQueue>[2]> = {}) =>
    ({ statuses: ['open', 'pending'] as const, priority: null, assignee: null, words: '', page: 1, pageSize: 2, ...over });

  test('agents only; the queue order, paged, with the total over every page', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const customer = person('U_CUST', false, 'en', ws);
    await expect(browseQueue(f.deps, customer, browse())).rejects.toMatchObject({ code: 'agents_only' });
    const a = await open(customer, 'first');
    const b = await open(customer, 'second');
    const c = await open(customer, 'third');
    await setPriority(f.deps, agent, c.number, 'urgent');
    const one = await browseQueue(f.deps, agent, browse());
    expect([numbers(one.tickets), one.total, one.page, one.pages]).toEqual([[c.number, a.number], 3, 1, 2]);
    const two = await browseQueue(f.deps, agent, browse({ page: 2 }));
    expect([numbers(two.tickets), two.total, two.page]).toEqual([[b.number], 3, 2]);
    expect((await browseQueue(f.deps, agent, browse({ page: 9 }))).tickets).toEqual([]);
  });

  test('filters: status, priority, assigned to me or nobody, and words as search finds them', async () => {
    const ws = workspace();
    const agent = person('U_AGENT', true, 'en', ws);
    const other = person('U_AGENT2', true, 'en', ws);
    const customer = person('U_CUST', false, 'en', ws);
    const mine = await open(customer, 'Impressora travada');
    const theirs = await open(customer, 'VPN lenta', ['a impressão sai borrada']);
    const nobodys = await open(customer, 'Teclado');
    const pending = await open(customer, 'Mouse');
    await claimTicket(f.deps, agent, mine.number);
    await claimTicket(f.deps, other, theirs.number);
    await setPriority(f.deps, agent, theirs.number, 'high');
    await changeStatus(f.deps, agent, pending.number, 'pending');
    await open(person('U_CUST', false, 'en', workspace()), 'Impressora de outro espaço');
    const found = async (over: Partial<Parameters<typeof browseQueue>[2]>) => numbers((await browseQueue(f.deps, agent, browse({ pageSize: 50, ...over }))).tickets);
    expect(await found({ assignee: 'me' })).toEqual([mine.number]);
    expect(await found({ assignee: 'none' })).toEqual([nobodys.number, pending.number]);
    expect(await found({ priority: 'high' })).toEqual([theirs.number]);
    expect(await found({ statuses: ['pending'] })).toEqual([pending.number]);
    expect(await found({ words: 'IMPRESSAO' })).toEqual([theirs.number]);
    expect(await found({ words: 'IMPRESSORA' })).toEqual([mine.number]);
    expect(await found({ words: 'impressora', assignee: 'none' })).toEqual([]);
    expect(await found({ words: '   ' })).toHaveLength(4);
  });
});

test('whoami names the caller as AGENTS writes them, and whether they are an agent', async () => {
  expect(await runCommand(f.deps, person('U012AB', true), 'whoami', { channelId: 'C1' })).toEqual({ type: 'whoami', identity: { agentsEntry: 'slack:U012AB', isAgent: true } });
  expect(await runCommand(f.deps, person('29:1xyz', false, 'en', 'teams:tenant'), 'quemsou', { channelId: 'C1' }))
    .toEqual({ type: 'whoami', identity: { agentsEntry: 'teams:29:1xyz', isAgent: false } });
});
