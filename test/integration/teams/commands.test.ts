import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { cardsOf, cardText, everyCard } from '../../support/teams-cards';
import { pendingPosts } from '../../support/outbox-rows';
import { AGENT, CHANNEL, CUSTOMER, OTHER, WS, channelCommand, personalMessage, postActivity, TeamsSuite, eventually, shownText } from '../../support/teams-app';

const suite = new TeamsSuite();
const { connector } = suite;

/** Replies the bot sent back into a conversation after `since` calls. */
const repliesIn = (conversationId: string, since: number) =>
  connector.acceptedSince(since).filter((c) => c.method === 'POST' && c.conversationId === conversationId);

const textOf = (call: ConnectorCall) => shownText(String(call.body.text ?? ''));

async function command(text: string, opts: Parameters<typeof channelCommand>[2] = {}) {
  const since = connector.calls.length;
  const activity = channelCommand(connector, text, opts);
  const res = await postActivity(suite.app, activity);
  expect(res.status).toBe(200);
  const conversationId = (activity.conversation as { id: string }).id;
  const [reply] = await eventually(() => repliesIn(conversationId, since).length > 0 && repliesIn(conversationId, since), `a reply to "${text}"`);
  return reply;
}

/** The 1:1 chat the bot opened with `person` after `since` calls, and what it posted there. */
async function privateAnswer(person: { id: string }, since: number) {
  const isNewChat = (c: ConnectorCall) => c.method === 'POST' && c.path === '/v3/conversations' && c.body.isGroup === false;
  const opened = await eventually(() => connector.acceptedSince(since).find(isNewChat), 'a private chat');
  expect(opened.body.members).toEqual([expect.objectContaining({ id: person.id })]);
  const chatId = `conversation;messageid=${opened.answeredId}`;
  return eventually(() => connector.accepted.find((c) => c.method === 'POST' && c.conversationId === chatId), 'the private answer');
}

test('@Chamado new opens a ticket whose card starts a new thread in the channel', async () => {
  const since = connector.calls.length;
  const reply = await command('new Printer on fire', { from: CUSTOMER });
  const number = Number(/^Opened ticket #(\d+)\.$/.exec(textOf(reply))?.[1]);
  expect(number).toBeGreaterThan(0);

  const created = await eventually(
    () => connector.acceptedSince(since)
      .find((c) => c.method === 'POST' && c.path === '/v3/conversations' && String((c.body.activity as { text?: string })?.text).includes('Printer on fire')),
    'the ticket card thread',
  );
  expect(created.body).toMatchObject({ isGroup: true, channelData: { channel: { id: CHANNEL } } });
  const activity = created.body.activity as Record<string, unknown>;
  expect(activity.text).toContain(`#${number}`);
  expect(activity.text).toContain('Printer on fire');
  expect(activity.text).toContain('Open');
  const [card] = cardsOf(activity);
  expect(cardText(card)).toContain(`#${number} Printer on fire: Open`);
  expect(card.actions!.map((a) => a.title)).toEqual(['Claim', 'Pending', 'Close']);

  const row = await eventually(
    async () => (await suite.db.dataSource.query(
      `SELECT status, requester_id, thread_id, channel_id FROM tickets WHERE number = $1 AND workspace_id = $2 AND thread_id IS NOT NULL`,
      [number, WS],
    ))[0],
    'the thread id in Postgres',
  );
  expect(row).toMatchObject({ status: 'open', requester_id: CUSTOMER.id, thread_id: created.answeredId, channel_id: CHANNEL });
});

test('the mention of another person becomes <@id> for the grammar (assign), and only agents may do it', async () => {
  const { number } = await suite.openTicket();
  const refused = await command(`assign #${number} <at>${AGENT.name}</at>`, { from: CUSTOMER, mentions: [AGENT] });
  expect(textOf(refused)).toContain('Only support agents can do that.');
  expect((await suite.ticket(number))!.assignee_id).toBeNull();

  const done = await command(`assign #${number} <at>${OTHER.name}</at>`, { from: AGENT, mentions: [OTHER] });
  expect(textOf(done)).toBe(`Ticket #${number} is assigned to <at>${OTHER.name}</at>.`);
  expect(done.body.entities).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'mention', mentioned: { id: OTHER.id, name: OTHER.name } })]));
  expect((await suite.ticket(number))!.assignee_id).toBe(OTHER.id);
});

test('an agent changes the status: the card is updated in place and the thread gets a reply mentioning them', async () => {
  const { number, root, thread: threadConversation } = await suite.openTicket();
  const before = connector.calls.length;
  const reply = await command(`status #${number} pending`, { from: AGENT });
  expect(textOf(reply)).toBe(`Ticket #${number} is now Pending.`);
  const update = await eventually(() => connector.acceptedSince(before).find((c) => c.method === 'PUT' && cardText(c.body).includes('Reopen')), 'the card update');
  expect(update.conversationId).toBe(threadConversation);
  expect(update.activityId).toBe(root);
  const [card] = cardsOf(update.body);
  expect(cardText(card)).toContain('Pending');
  expect(card.actions!.map((a) => a.title)).toEqual(['Claim', 'Reopen', 'Close']);
  const notice = await eventually(() => repliesIn(threadConversation, before).find((c) => textOf(c).includes(`#${number} is now Pending`)), 'the thread notice');
  expect(textOf(notice)).toBe(`#${number} is now Pending (by <at>${AGENT.name}</at>): we are waiting for your answer here. If nobody answers within 7 days, it closes by itself.`);
  expect(notice.body.entities).toEqual([{ type: 'mention', text: `<at>${AGENT.name}</at>`, mentioned: { id: AGENT.id, name: AGENT.name } }]);
});

test('a requester may close their own ticket but not set it pending', async () => {
  const { number } = await suite.openTicket();
  const refused = await command(`status #${number} open`, { from: { id: '29:stranger', name: 'Stranger' } });
  expect(textOf(refused)).toContain(`can't find ticket #${number}`);
  const pending = await command(`status #${number} pending`, { from: CUSTOMER });
  expect(textOf(pending)).toContain('only agents can');
  const closed = await command(`close #${number}`, { from: CUSTOMER });
  expect(textOf(closed)).toBe(`Ticket #${number} is now Closed.`);
  expect((await suite.ticket(number))!.status).toBe('closed');
});

test('a wrong command gets one clear line and the help hint; nothing at all gets the help card', async () => {
  const wrong = await command('frobnicate #1', { from: CUSTOMER });
  expect(textOf(wrong)).toBe('I don\'t know the command "frobnicate". Type @Chamado help to see every command.');
  const help = await command('', { from: CUSTOMER });
  expect(cardText(cardsOf(help.body)[0])).toContain('`list [open|pending|closed|all]`');
});

test('Portuguese: the activity locale picks pt-BR, and lang en overrides it', async () => {
  const from = { id: '29:portuguese', name: 'Paula Portuguesa' };
  const pt = await command('novo Impressora sem tinta', { from, locale: 'pt-BR' });
  const number = Number(/#(\d+)/.exec(textOf(pt))?.[1]);
  expect(number).toBeGreaterThan(0);
  expect(textOf(pt)).not.toContain('Opened');
  const card = await eventually(() => everyCard(connector.accepted).find((c) => cardText(c).includes('Impressora sem tinta')), 'the Portuguese card');
  expect(cardText(card)).toContain(`#${number} Impressora sem tinta: Aberto`);
  expect(card.actions!.map((a) => a.title)).toEqual(['Assumir', 'Pendente', 'Fechar']);

  const lang = await command('idioma en', { from, locale: 'pt-BR' });
  expect(textOf(lang)).toBe("From now on I'll speak English with you.");
  const since = connector.calls.length;
  await command(`show #${number}`, { from, locale: 'pt-BR' });
  expect(cardText(cardsOf((await privateAnswer(from, since)).body)[0])).toContain(`Ticket #${number}: Impressora sem tinta`);
});

test('show: a customer sees only their own tickets, agents see all', async () => {
  const { number } = await suite.openTicket({ from: OTHER, title: 'Impressora sem tinta' });
  const hidden = await command(`show #${number}`, { from: CUSTOMER });
  expect(textOf(hidden)).toContain(`can't find ticket #${number}`);
  const since = connector.calls.length;
  await command(`show #${number}`, { from: AGENT });
  expect(cardText(cardsOf((await privateAnswer(AGENT, since)).body)[0])).toContain('Impressora sem tinta');
});

test('list and show asked in a channel are answered in a private chat, never in the channel', async () => {
  await suite.openTicket({ from: OTHER, title: 'Impressora sem tinta' });
  const since = connector.calls.length;
  const inChannel = await command('list', { from: OTHER });
  expect(textOf(inChannel)).toBe('I sent you the answer in our private chat, so only you can see your tickets.');
  expect(JSON.stringify(inChannel.body)).not.toContain('Impressora sem tinta');
  const answer = await privateAnswer(OTHER, since);
  expect(cardText(cardsOf(answer.body)[0])).toContain('Impressora sem tinta');
  expect(answer.body.recipient).toMatchObject({ id: OTHER.id });
});

test('when the private chat cannot be opened, the channel is told how to ask, and sees no ticket', async () => {
  const { number } = await suite.openTicket({ from: OTHER, title: 'Impressora sem tinta' });
  connector.failNext(1, 403, {}, (method, path) => method === 'POST' && path === '/v3/conversations');
  const reply = await command(`show #${number}`, { from: AGENT });
  expect(textOf(reply)).toContain('open a chat with me and type list there');
  expect(JSON.stringify(reply.body)).not.toContain('Impressora sem tinta');
});

test('in a personal chat no mention is needed', async () => {
  const since = connector.calls.length;
  const res = await postActivity(suite.app, personalMessage(connector, 'help', { from: CUSTOMER }));
  expect(res.status).toBe(200);
  const [reply] = await eventually(() => repliesIn(`a:personal-${CUSTOMER.id}`, since).length > 0 && repliesIn(`a:personal-${CUSTOMER.id}`, since), 'the help card');
  expect(cardText(cardsOf(reply.body)[0])).toContain('Chamado: one ticket per problem');
});

test('every card posted so far parses cleanly (those of the tests before, and a new ticket\'s help, card and update)', async () => {
  const { number } = await suite.openTicket();
  await command(`status #${number} pending`, { from: AGENT });
  await command('', { from: CUSTOMER });
  await eventually(async () => (await pendingPosts(suite.db.dataSource)) === 0, 'every post delivered');
  expect(everyCard(connector.accepted).length).toBeGreaterThanOrEqual(3);
});
