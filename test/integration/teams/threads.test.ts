import { translate } from '../../../src/i18n';
import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { buttonsOf, cardText, cardsOf, everyCard } from '../../support/teams-cards';
import { AGENT, CHANNEL, CUSTOMER, cardSubmit, channelCommand, channelMessage, personalConversation, personalMessage, postActivity, TeamsSuite, waitFor } from '../../support/teams-app';

const suite = new TeamsSuite();
const { connector } = suite;

const ticket = async (number: number) => (await suite.db.dataSource.query('SELECT id, status, assignee_id, thread_id, follow_up_of FROM tickets WHERE number = $1', [number]))[0];
const postsIn = (conversationId: string, since = 0) => connector.acceptedSince(since).filter((c) => c.method === 'POST' && c.conversationId === conversationId);
const text = (c: ConnectorCall) => String(c.body.text ?? '');

async function post(activity: Record<string, unknown>) {
  const res = await postActivity(suite.app, activity);
  expect(res.status).toBe(200);
}

async function press(value: Record<string, unknown>, opts: Parameters<typeof cardSubmit>[2]) {
  await post(cardSubmit(connector, value, opts));
}

let root: string;

beforeAll(async () => {
  await post(channelCommand(connector, 'new Laptop is slow', { from: CUSTOMER }));
  root = await waitFor(async () => (await ticket(1))?.thread_id, 'the ticket thread');
});

test('an agent presses Claim on the card: assigned, the card is updated, the thread is told', async () => {
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'claim', number: 1 }, { from: AGENT, threadId: root });
  await waitFor(async () => (await ticket(1)).assignee_id === AGENT.id, 'the claim');
  const update = await waitFor(() => connector.acceptedSince(since).find((c) => c.method === 'PUT' && c.activityId === root), 'the card update');
  expect(cardText(cardsOf(update.body)[0])).toContain(AGENT.name);
  await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).find((c) => text(c).includes('#1 is assigned to')), 'the thread notice');
});

test('a customer pressing an agent button is refused in their language and nothing changes', async () => {
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'pending', number: 1 }, { from: CUSTOMER, threadId: root, locale: 'pt-BR' });
  const [reply] = await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).length > 0 && postsIn(`${CHANNEL};messageid=${root}`, since), 'the refusal');
  expect(text(reply)).toContain(translate('pt-BR', 'errors.not_allowed', { number: 1 }));
  expect((await ticket(1)).status).toBe('open');
});

test('a forged button value is answered, not crashed on', async () => {
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'delete_everything', number: 1 }, { from: AGENT, threadId: root });
  const [reply] = await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).length > 0 && postsIn(`${CHANNEL};messageid=${root}`, since), 'the answer');
  expect(text(reply)).toBe(translate('en', 'teams:errors.unknown_action'));
});

test('messages in the ticket thread join its history; a customer reply puts Pending back to Open', async () => {
  await press({ chamado: 'ticket', op: 'pending', number: 1 }, { from: AGENT, threadId: root });
  await waitFor(async () => (await ticket(1)).status === 'pending', 'pending');
  await post(channelMessage(connector, '<p>It is still <b>slow</b> after the reboot</p>', { from: CUSTOMER, threadId: root, id: '2000000000001' }));
  await waitFor(async () => (await ticket(1)).status === 'open', 'the ticket reopened by the customer reply');
  const [row] = await suite.db.dataSource.query('SELECT author_id, text FROM ticket_messages WHERE platform_message_id = $1', ['2000000000001']);
  expect(row).toEqual({ author_id: CUSTOMER.id, text: 'It is still slow after the reboot' });
});

test('messages elsewhere in the channel are kept for splitting but join no ticket', async () => {
  await post(channelMessage(connector, 'Unrelated chatter', { from: CUSTOMER, id: '2000000000050' }));
  const kept = await waitFor(async () => (await suite.db.dataSource.query(`SELECT channel_id, thread_id, author_id FROM conversation_messages WHERE message_id = '2000000000050'`))[0], 'the kept message');
  expect(kept).toEqual({ channel_id: CHANNEL, thread_id: null, author_id: CUSTOMER.id });
  expect((await suite.db.dataSource.query(`SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = '2000000000050'`))[0].n).toBe(0);
});

test('a message on a Closed ticket opens a linked follow-up; both threads say so; "reopen the original" works', async () => {
  await press({ chamado: 'ticket', op: 'close', number: 1 }, { from: AGENT, threadId: root });
  await waitFor(async () => (await ticket(1)).status === 'closed', 'closed');
  const since = connector.calls.length;
  await post(channelMessage(connector, 'It is slow again', { from: CUSTOMER, threadId: root, id: '2000000000002' }));
  const followUp = await waitFor(async () => (await ticket(2))?.thread_id && ticket(2), 'the follow-up and its card');
  expect(followUp.follow_up_of).toBe((await ticket(1)).id);
  await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).find((c) => text(c).includes('#2')), 'the original thread naming #2');
  const followThread = `${CHANNEL};messageid=${followUp.thread_id}`;
  const notice = await waitFor(() => postsIn(followThread, since).find((c) => text(c).includes('#1')), 'the follow-up thread naming #1');
  const [button] = buttonsOf(cardsOf(notice.body)[0]);
  // In the follow-up requester's language: the customer last wrote to Chamado in Portuguese.
  expect(button).toEqual({ title: translate('pt-BR', 'teams:actions.reopen_original', { number: 1 }), data: { chamado: 'notice', action: 'reopen_original', number: 2 } });

  await press(button.data, { from: AGENT, threadId: followUp.thread_id });
  await waitFor(async () => (await ticket(1)).status === 'open' && (await ticket(2)).status === 'closed', 'the original reopened and the follow-up closed');
});

test('personal list: my tickets with an "Ask for an update" button that nudges the assignee in the thread', async () => {
  const since = connector.calls.length;
  await post(personalMessage(connector, 'list', { from: CUSTOMER }));
  const [reply] = await waitFor(() => postsIn(personalConversation(CUSTOMER), since).length > 0 && postsIn(personalConversation(CUSTOMER), since), 'the list card');
  const card = cardsOf(reply.body)[0];
  expect(cardText(card)).toContain('#1 Laptop is slow (Open)');
  const nudge = buttonsOf(card).find((b) => b.data.number === 1)!;
  expect(nudge).toEqual({ title: 'Ask for an update', data: { chamado: 'nudge', number: 1 } });

  await post(personalMessage(connector, '', { from: CUSTOMER, value: nudge.data }));
  const mention = await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).find((c) => text(c).includes('asking for an update')), 'the nudge in the thread');
  expect(mention.body.entities).toEqual(expect.arrayContaining([expect.objectContaining({ mentioned: { id: AGENT.id, name: AGENT.name } })]));
});

test('agents also see open tickets nobody has claimed in their personal list', async () => {
  await post(channelCommand(connector, 'new Nobody owns me', { from: CUSTOMER }));
  await waitFor(async () => (await ticket(3))?.thread_id, 'ticket 3');
  const since = connector.calls.length;
  await post(personalMessage(connector, 'list', { from: AGENT }));
  const [reply] = await waitFor(() => postsIn(personalConversation(AGENT), since).length > 0 && postsIn(personalConversation(AGENT), since), 'the agent list');
  const body = cardText(cardsOf(reply.body)[0]);
  expect(body).toContain('Open tickets nobody has claimed');
  expect(body).toContain('#3 Nobody owns me');
});

test('proactive posts survive a restart: a new suite.app on the same database posts into the stored thread', async () => {
  await suite.restart();
  const since = connector.calls.length;
  await post(personalMessage(connector, 'status #1 pending', { from: AGENT }));
  await waitFor(async () => (await ticket(1)).status === 'pending', 'pending');
  const notice = await waitFor(() => postsIn(`${CHANNEL};messageid=${root}`, since).find((c) => text(c).includes('#1 is now Pending')), 'the thread notice after restart');
  expect(notice.path).toContain('/v3/conversations/');
  await waitFor(() => connector.acceptedSince(since).find((c) => c.method === 'PUT' && c.activityId === root), 'the card update after restart');
});

test('Teams failing for a while (503, then 429 with Retry-After) delays the post but delivers it once', async () => {
  // Only the proactive posts fail (the command's own reply goes to the personal chat).
  const proactive = (_method: string, path: string) => !path.includes('personal');
  connector.failNext(2, 503, {}, proactive);
  connector.failNext(1, 429, { 'retry-after': '1' }, proactive);
  const since = connector.calls.length;
  await post(personalMessage(connector, 'reopen #1', { from: AGENT }));
  const notices = () => postsIn(`${CHANNEL};messageid=${root}`, since).filter((c) => text(c).includes('#1 is now Open'));
  await waitFor(() => notices().length > 0, 'the notice after failures', 25_000);
  expect(connector.calls.slice(since).filter((c) => c.status === 503 || c.status === 429).length).toBe(3);
  await new Promise((r) => setTimeout(r, 600));
  expect(notices()).toHaveLength(1);
}, 30_000);

test('a post Teams refuses (403) is not retried', async () => {
  const since = connector.calls.length;
  connector.failNext(1, 403, {}, (method) => method === 'PUT');
  await post(personalMessage(connector, 'priority #1 high', { from: AGENT }));
  await waitFor(async () => (await suite.db.dataSource.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'dead'`))[0].n === 1, 'the dead row');
  await new Promise((r) => setTimeout(r, 800));
  const refused = connector.calls.slice(since).filter((c) => c.method === 'PUT');
  expect(refused.map((c) => c.status)).toEqual([403]);
});

test('every card posted or updated parses cleanly', () => {
  expect(everyCard(connector.accepted).length).toBeGreaterThan(8);
});
