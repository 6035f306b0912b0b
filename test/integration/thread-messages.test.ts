import { changeStatus, ingestMessage, recordThreadMessages, setLanguage, type ThreadMessageInput, type Ticket } from '../../src/core';
import { chatMessage, coreFixture, person, ticketWithThread, type CoreFixture } from '../support/core-fixture';
import { eventsFor, postsFor } from '../support/outbox-rows';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);

const reply = (t: Ticket, authorId: string, text: string, id?: string) => chatMessage(authorId, text, { channelId: 'C1', threadId: t.threadId!, id });
const recordThreadMessage = async (input: ThreadMessageInput) => (await recordThreadMessages(f.deps, [input]))[0];
const record = (t: Ticket, authorId: string, text: string, isAgent = false, id?: string) =>
  recordThreadMessage({ workspaceId: 'slack:T1', platform: 'slack', message: reply(t, authorId, text, id), authorIsAgent: isAgent });

test('messages in the ticket thread join its history once, with their links', async () => {
  const t = await ticketWithThread(f);
  const first = await record(t, 'U_CUST', 'here is the log https://paste.example/abc', false, 'm-1');
  expect(first).toMatchObject({ kind: 'recorded', reopened: false });
  expect(await record(t, 'U_CUST', 'here is the log https://paste.example/abc', false, 'm-1')).toMatchObject({ kind: 'duplicate' });
  const rows = await f.db.dataSource.query('SELECT platform_message_id, attachments FROM ticket_messages WHERE ticket_id = $1', [t.id]);
  expect(rows).toEqual([{ platform_message_id: 'm-1', attachments: { files: [], links: ['https://paste.example/abc'] } }]);
});

test('a message outside any ticket thread is not a ticket message', async () => {
  const outcome = await recordThreadMessage({ workspaceId: 'slack:T1', platform: 'slack', message: chatMessage('U_CUST', 'hi', { threadId: '999.1' }), authorIsAgent: false });
  expect(outcome).toEqual({ kind: 'not_a_ticket' });
});

test('an agent reply is the first response and does not reopen a Pending ticket', async () => {
  const t = await ticketWithThread(f);
  f.clock.advance(5 * 60_000);
  await record(t, 'U_AGENT', 'looking into it', true);
  expect((await f.deps.store.tickets.byId(t.id))?.firstResponseAt).toEqual(f.clock.now());
  await changeStatus(f.deps, agent, t.number, 'pending');
  const outcome = await record(t, 'U_AGENT', 'could you send a screenshot?', true);
  expect(outcome).toMatchObject({ kind: 'recorded', reopened: false });
  expect((await f.deps.store.tickets.byId(t.id))?.status).toBe('pending');
});

test('a customer reply puts a Pending ticket back to Open, announced in the thread', async () => {
  const t = await ticketWithThread(f);
  await changeStatus(f.deps, agent, t.number, 'pending');
  f.clock.advance(60_000);
  const outcome = await record(t, 'U_CUST', 'screenshot attached');
  expect(outcome).toMatchObject({ kind: 'recorded', reopened: true });
  const now = await f.deps.store.tickets.byId(t.id);
  expect(now).toMatchObject({ status: 'open', pendingSince: null });
  expect(now?.lastCustomerActivityAt).toEqual(f.clock.now());
  const roles = await f.db.dataSource.query('SELECT DISTINCT ticket_status FROM ticket_participants WHERE ticket_id = $1', [t.id]);
  expect(roles).toEqual([{ ticket_status: 'open' }]);
  expect((await eventsFor(f.db.dataSource, t.id)).at(-1)).toMatchObject({ type: 'status_changed', data: { from: 'pending', to: 'open', reason: 'customer_reply' } });
  const last = (await postsFor(f.db.dataSource, t.id)).at(-1);
  expect(last?.kind === 'thread_notice' && last.notice.params).toMatchObject({ status: 'open', number: t.number });
});

test('a message on a Closed ticket opens a linked follow-up; both threads say so', async () => {
  const t = await ticketWithThread(f, 'Laptop overheats');
  await changeStatus(f.deps, agent, t.number, 'closed');
  const outcome = await record(t, 'U_CUST', 'it is happening again', false, 'again-1');
  expect(outcome.kind).toBe('follow_up');
  if (outcome.kind !== 'follow_up') return;
  const { followUp } = outcome;
  expect(followUp).toMatchObject({ followUpOf: t.id, requesterId: 'U_CUST', title: 'Follow-up: Laptop overheats', status: 'open', channelId: 'C1' });
  const [firstEntry] = await f.deps.store.messages.history(followUp.id, 10);
  expect(firstEntry).toMatchObject({ platformMessageId: 'again-1', text: 'it is happening again', authorId: 'U_CUST' });
  const [row] = await f.db.dataSource.query('SELECT follow_up_of FROM tickets WHERE id = $1', [followUp.id]);
  expect(row.follow_up_of).toBe(t.id);
  const oldNotice = (await postsFor(f.db.dataSource, t.id)).at(-1);
  expect(oldNotice?.kind === 'thread_notice' && oldNotice.notice).toMatchObject({ key: 'notices.follow_up_opened', params: { number: t.number, followUp: followUp.number } });
  const newPosts = await postsFor(f.db.dataSource, followUp.id);
  expect(newPosts.map((p) => p.kind)).toEqual(['ticket_card', 'triage_announcement', 'thread_notice']);
  expect(newPosts[2].kind === 'thread_notice' && newPosts[2].notice).toMatchObject({ key: 'notices.follow_up_of', params: { original: t.number }, actions: ['reopen_original'] });
  expect((await f.deps.store.tickets.byId(t.id))?.status).toBe('closed');
});

test('the same closed-thread message delivered twice opens one follow-up', async () => {
  const t = await ticketWithThread(f);
  await changeStatus(f.deps, agent, t.number, 'closed');
  await record(t, 'U_CUST', 'again', false, 'dup-1');
  expect(await record(t, 'U_CUST', 'again', false, 'dup-1')).toMatchObject({ kind: 'duplicate' });
  const [{ count }] = await f.db.dataSource.query('SELECT count(*)::int AS count FROM tickets WHERE follow_up_of = $1', [t.id]);
  expect(count).toBe(1);
});

test('a follow-up’s title prefix is in the writer’s language', async () => {
  const t = await ticketWithThread(f, 'Impressora');
  await changeStatus(f.deps, agent, t.number, 'closed');
  await setLanguage(f.deps, person('U_PT'), 'pt-BR');
  const outcome = await record(t, 'U_PT', 'voltou a falhar');
  expect(outcome.kind === 'follow_up' && outcome.followUp.title).toBe('Follow-up: Impressora');
  expect(outcome.kind === 'follow_up' && outcome.followUp.requesterId).toBe('U_PT');
});

describe('ingestMessage: one transaction per arriving message', () => {
  test('keeps the message in the conversation log and the ticket history, once however often it is delivered', async () => {
    const t = await ticketWithThread(f, 'Ingest');
    const message = reply(t, 'U_CUST', 'first detail', 'ing-1');
    const input = { workspaceId: 'slack:T1', platform: 'slack' as const, message, authorIsAgent: false };
    expect(await ingestMessage(f.deps, input)).toMatchObject({ kind: 'recorded' });
    expect(await ingestMessage(f.deps, input)).toMatchObject({ kind: 'duplicate' });
    expect(await f.db.records.conversationLog.byIds('slack:T1', 'C1', ['ing-1'])).toHaveLength(1);
    expect((await f.deps.store.messages.history(t.id, 10)).map((m) => m.platformMessageId)).toEqual(['ing-1']);
  });

  test('a redelivered message does not touch the ticket again', async () => {
    const t = await ticketWithThread(f, 'Touch once');
    const message = reply(t, 'U_CUST', 'hello', 'ing-4');
    await ingestMessage(f.deps, { workspaceId: 'slack:T1', platform: 'slack', message, authorIsAgent: false });
    const first = (await f.deps.store.tickets.byId(t.id))!.lastActivityAt;
    f.clock.advance(60_000);
    await ingestMessage(f.deps, { workspaceId: 'slack:T1', platform: 'slack', message, authorIsAgent: false });
    expect((await f.deps.store.tickets.byId(t.id))!.lastActivityAt).toEqual(first);
  });

  test('a message outside ticket threads is only logged', async () => {
    const message = chatMessage('U_CUST', 'hello channel', { channelId: 'C1', id: 'ing-2' });
    expect(await ingestMessage(f.deps, { workspaceId: 'slack:T1', platform: 'slack', message, authorIsAgent: false })).toEqual({ kind: 'not_a_ticket' });
    expect(await f.db.records.conversationLog.byIds('slack:T1', 'C1', ['ing-2'])).toHaveLength(1);
  });

  test('when storing fails, nothing of the message is kept, so a redelivery can still store it', async () => {
    const t = await ticketWithThread(f, 'Rollback');
    const message = { ...reply(t, 'U_CUST', 'x', 'ing-3'), authorId: null as unknown as string };
    await expect(ingestMessage(f.deps, { workspaceId: 'slack:T1', platform: 'slack', message, authorIsAgent: false })).rejects.toThrow();
    expect(await f.db.records.conversationLog.byIds('slack:T1', 'C1', ['ing-3'])).toEqual([]);
  });
});
