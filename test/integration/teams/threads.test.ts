import { translate } from '../../../src/i18n';
import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { buttonsOf, cardText, cardsOf, everyCard } from '../../support/teams-cards';
import { outboxRows, pendingPosts } from '../../support/outbox-rows';
import {
  AGENT, CHANNEL, CUSTOMER, cardSubmit, channelMessage, personalConversation, personalMessage, postActivity, TeamsSuite, eventually, shownText,
} from '../../support/teams-app';

const suite = new TeamsSuite();
const { connector } = suite;

const ticket = async (number: number) => (await suite.ticket(number))!;
const postsIn = (conversationId: string, since = 0) => connector.acceptedSince(since).filter((c) => c.method === 'POST' && c.conversationId === conversationId);
const text = (c: ConnectorCall) => shownText(String(c.body.text ?? ''));

async function post(activity: Record<string, unknown>) {
  const res = await postActivity(suite.app, activity);
  expect(res.status).toBe(200);
}

async function press(value: Record<string, unknown>, opts: Parameters<typeof cardSubmit>[2]) {
  await post(cardSubmit(connector, value, opts));
}

test('an agent presses Claim on the card: assigned, the card is updated, the thread is told', async () => {
  const { number, root, thread } = await suite.openTicket({ title: 'Laptop is slow' });
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'claim', number }, { from: AGENT, threadId: root });
  await eventually(async () => (await ticket(number)).assignee_id === AGENT.id, 'the claim');
  const update = await eventually(() => connector.acceptedSince(since).find((c) => c.method === 'PUT' && c.activityId === root), 'the card update');
  expect(cardText(cardsOf(update.body)[0])).toContain(AGENT.name);
  await eventually(() => postsIn(thread, since).find((c) => text(c).includes(`#${number} is assigned to`)), 'the thread notice');
});

test('a customer pressing an agent button is refused in their language and nothing changes', async () => {
  const { number, root, thread } = await suite.openTicket();
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'pending', number }, { from: CUSTOMER, threadId: root, locale: 'pt-BR' });
  const [reply] = await eventually(() => postsIn(thread, since).length > 0 && postsIn(thread, since), 'the refusal');
  expect(text(reply)).toContain(translate('pt-BR', 'errors.not_allowed', { number }));
  expect((await ticket(number)).status).toBe('open');
});

test('a forged button value is answered, not crashed on', async () => {
  const { number, root, thread } = await suite.openTicket();
  const since = connector.calls.length;
  await press({ chamado: 'ticket', op: 'delete_everything', number }, { from: AGENT, threadId: root });
  const [reply] = await eventually(() => postsIn(thread, since).length > 0 && postsIn(thread, since), 'the answer');
  expect(text(reply)).toBe(translate('en', 'teams:errors.unknown_action'));
});

test('messages in the ticket thread join its history; a customer reply puts Pending back to Open', async () => {
  const { number, root } = await suite.openTicket();
  await press({ chamado: 'ticket', op: 'pending', number }, { from: AGENT, threadId: root });
  await eventually(async () => (await ticket(number)).status === 'pending', 'pending');
  await post(channelMessage(connector, '<p>It is still <b>slow</b> after the reboot</p>', { from: CUSTOMER, threadId: root, id: '2000000000001' }));
  await eventually(async () => (await ticket(number)).status === 'open', 'the ticket reopened by the customer reply');
  const [row] = await suite.db.dataSource.query('SELECT author_id, text FROM ticket_messages WHERE platform_message_id = $1', ['2000000000001']);
  expect(row).toEqual({ author_id: CUSTOMER.id, text: 'It is still slow after the reboot' });
});

test('messages elsewhere in the channel are kept for splitting but join no ticket', async () => {
  await post(channelMessage(connector, 'Unrelated chatter', { from: CUSTOMER, id: '2000000000050' }));
  const kept = await eventually(
    async () => (await suite.db.dataSource.query(`SELECT channel_id, thread_id, author_id FROM conversation_messages WHERE message_id = '2000000000050'`))[0],
    'the kept message',
  );
  expect(kept).toEqual({ channel_id: CHANNEL, thread_id: null, author_id: CUSTOMER.id });
  expect((await suite.db.dataSource.query(`SELECT count(*)::int AS n FROM ticket_messages WHERE platform_message_id = '2000000000050'`))[0].n).toBe(0);
});

test('a message on a Closed ticket opens a linked follow-up; both threads say so; "reopen the original" works', async () => {
  const original = await suite.openTicket({ title: 'Laptop is slow' });
  await press({ chamado: 'ticket', op: 'close', number: original.number }, { from: AGENT, threadId: original.root });
  await eventually(async () => (await ticket(original.number)).status === 'closed', 'closed');
  // The customer last spoke to Chamado in Portuguese (a button only agents may press): the follow-up speaks their language.
  await press({ chamado: 'ticket', op: 'pending', number: original.number }, { from: CUSTOMER, threadId: original.root, locale: 'pt-BR' });
  const since = connector.calls.length;
  await post(channelMessage(connector, 'It is slow again', { from: CUSTOMER, threadId: original.root, id: '2000000000002' }));
  const followUp = await eventually(
    async () => (await suite.db.dataSource.query('SELECT number, thread_id FROM tickets WHERE follow_up_of = $1 AND thread_id IS NOT NULL', [original.id]))[0] as
      { number: number; thread_id: string } | undefined,
    'the follow-up and its card',
  );
  await eventually(() => postsIn(original.thread, since).find((c) => text(c).includes(`#${followUp.number}`)), `the original thread naming #${followUp.number}`);
  const followThread = `${CHANNEL};messageid=${followUp.thread_id}`;
  const notice = await eventually(() => postsIn(followThread, since).find((c) => text(c).includes(`#${original.number}`)), 'the follow-up thread naming the original');
  const [button] = buttonsOf(cardsOf(notice.body)[0]);
  expect(button).toEqual({
    title: translate('pt-BR', 'teams:actions.reopen_original', { number: original.number }),
    data: { chamado: 'notice', action: 'reopen_original', number: followUp.number },
  });

  await press(button.data, { from: AGENT, threadId: followUp.thread_id });
  const swapped = async () => (await ticket(original.number)).status === 'open' && (await ticket(followUp.number)).status === 'closed';
  await eventually(swapped, 'the original reopened and the follow-up closed');
});

test('personal list: my tickets with an "Ask for an update" button that nudges the assignee in the thread', async () => {
  const { number, root, thread } = await suite.openTicket({ title: 'Laptop is slow' });
  await press({ chamado: 'ticket', op: 'claim', number }, { from: AGENT, threadId: root });
  await eventually(async () => (await ticket(number)).assignee_id === AGENT.id, 'the claim');
  const since = connector.calls.length;
  await post(personalMessage(connector, 'list', { from: CUSTOMER, locale: 'en-US' }));
  const [reply] = await eventually(() => postsIn(personalConversation(CUSTOMER), since).length > 0 && postsIn(personalConversation(CUSTOMER), since), 'the list card');
  const card = cardsOf(reply.body)[0];
  expect(shownText(cardText(card))).toContain(`#${number} Laptop is slow (Open)`);
  const nudge = buttonsOf(card).find((b) => b.data.number === number)!;
  expect(nudge).toEqual({ title: 'Ask for an update', data: { chamado: 'nudge', number } });

  await post(personalMessage(connector, '', { from: CUSTOMER, value: nudge.data }));
  const mention = await eventually(() => postsIn(thread, since).find((c) => text(c).includes('asking for an update')), 'the nudge in the thread');
  expect(mention.body.entities).toEqual(expect.arrayContaining([expect.objectContaining({ mentioned: { id: AGENT.id, name: AGENT.name } })]));
});

test('agents also see open tickets nobody has claimed in their personal list', async () => {
  const { number } = await suite.openTicket({ title: 'Nobody owns me' });
  const since = connector.calls.length;
  await post(personalMessage(connector, 'list', { from: AGENT }));
  const [reply] = await eventually(() => postsIn(personalConversation(AGENT), since).length > 0 && postsIn(personalConversation(AGENT), since), 'the agent list');
  const body = shownText(cardText(cardsOf(reply.body)[0]));
  expect(body).toContain('Open tickets nobody has claimed');
  expect(body).toContain(`#${number} Nobody owns me`);
});

test('proactive posts survive a restart: a new suite.app on the same database posts into the stored thread', async () => {
  const { number, root, thread } = await suite.openTicket();
  await suite.restart();
  const since = connector.calls.length;
  await post(personalMessage(connector, `status #${number} pending`, { from: AGENT }));
  await eventually(async () => (await ticket(number)).status === 'pending', 'pending');
  const notice = await eventually(() => postsIn(thread, since).find((c) => text(c).includes(`#${number} is now Pending`)), 'the thread notice after restart');
  expect(notice.path).toContain('/v3/conversations/');
  await eventually(() => connector.acceptedSince(since).find((c) => c.method === 'PUT' && c.activityId === root), 'the card update after restart');
});

test('Teams failing for a while (503, then 429 with Retry-After) delays the post but delivers it once', async () => {
  // Only the proactive posts fail (the command's own reply goes to the personal chat).
  const { number, root, thread } = await suite.openTicket();
  await press({ chamado: 'ticket', op: 'pending', number }, { from: AGENT, threadId: root });
  await eventually(async () => (await ticket(number)).status === 'pending' && (await pendingPosts(suite.db.dataSource)) === 0, 'pending, its posts delivered');
  const proactive = (_method: string, path: string) => !path.includes('personal');
  connector.failNext(2, 503, {}, proactive);
  connector.failNext(1, 429, { 'retry-after': '1' }, proactive);
  const since = connector.calls.length;
  await post(personalMessage(connector, `reopen #${number}`, { from: AGENT }));
  const notices = () => postsIn(thread, since).filter((c) => text(c).includes(`#${number} is now Open`));
  await eventually(() => notices().length > 0, 'the notice after failures', 25_000);
  expect(connector.calls.slice(since).filter((c) => c.status === 503 || c.status === 429).length).toBe(3);
  await new Promise((r) => setTimeout(r, 600));
  expect(notices()).toHaveLength(1);
}, 30_000);

test('a post Teams refuses (403) is not retried', async () => {
  const t = await suite.openTicket();
  await eventually(async () => (await pendingPosts(suite.db.dataSource)) === 0, 'the card posts delivered');
  const since = connector.calls.length;
  connector.failNext(1, 403, {}, (method) => method === 'PUT');
  await post(personalMessage(connector, `priority #${t.number} high`, { from: AGENT }));
  await eventually(async () => (await outboxRows(suite.db.dataSource, t.id)).some((r) => r.status === 'dead'), 'the dead row');
  await new Promise((r) => setTimeout(r, 800));
  const refused = connector.calls.slice(since).filter((c) => c.method === 'PUT');
  expect(refused.map((c) => c.status)).toEqual([403]);
});

test('every card posted or updated parses cleanly (those of the tests before, and a ticket\'s whole life)', async () => {
  const { number, root } = await suite.openTicket();
  for (const op of ['claim', 'pending', 'close']) {
    await press({ chamado: 'ticket', op, number }, { from: AGENT, threadId: root });
  }
  await eventually(async () => (await ticket(number)).status === 'closed' && (await pendingPosts(suite.db.dataSource)) === 0, 'closed, every post delivered');
  expect(everyCard(connector.accepted).length).toBeGreaterThanOrEqual(4);
});
