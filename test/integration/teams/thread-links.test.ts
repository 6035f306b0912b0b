import { translate } from '../../../src/i18n';
import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { cardText, cardsOf } from '../../support/teams-cards';
import {
  AGENT, CHANNEL, CUSTOMER, OTHER, TENANT, channelCommand, channelMessage, extensionInvoke, personalConversation, personalMessage, postActivity, TeamsSuite, eventually,
} from '../../support/teams-app';

/** Issue 13 item 3 in Teams: every `#n` Chamado writes for a ticket with a channel card links to its thread. */
const suite = new TeamsSuite();
const { connector } = suite;

const text = (c: ConnectorCall) => String(c.body.text ?? '');
const deepLink = (root: string) =>
  `https://teams.microsoft.com/l/message/${encodeURIComponent(CHANNEL)}/${root}?tenantId=${TENANT}&parentMessageId=${root}`;

async function post(activity: Record<string, unknown>): Promise<void> {
  expect((await postActivity(suite.app, activity)).status).toBe(200);
}

test('the card\'s deep link is stored once; command answers and thread posts link #n to the thread', async () => {
  const ticket = await suite.openTicket({ title: 'Teams link #5 in a title stays plain' });
  const link = deepLink(ticket.root);
  expect((await suite.db.dataSource.query('SELECT card_url FROM tickets WHERE id = $1', [ticket.id]))[0].card_url).toBe(link);

  const since = connector.calls.length;
  await post(channelCommand(connector, `status #${ticket.number} pending`, { from: AGENT }));
  const posted = () => connector.acceptedSince(since).filter((c) => c.method === 'POST');
  const answer = await eventually(() => posted().find((c) => text(c).includes('is now Pending.') && c.conversationId !== ticket.thread), 'the answer');
  expect(text(answer)).toContain(`[#${ticket.number}](${link})`);
  const inThread = await eventually(() => posted().find((c) => c.conversationId === ticket.thread && text(c).includes('is now Pending (by')), 'the thread post');
  expect(text(inThread)).toContain(`[#${ticket.number}](${link})`);

  const listed = connector.calls.length;
  await post(personalMessage(connector, 'list', { from: CUSTOMER }));
  const list = await eventually(() => connector.acceptedSince(listed).find((c) => c.conversationId === personalConversation(CUSTOMER)), 'the list');
  const shown = cardText(cardsOf(list.body)[0]);
  expect(shown).toContain(`[#${ticket.number}](${link}) Teams link #5 in a title stays plain`);
  expect(shown).not.toContain('[#5]');
});

test('a message in a thread that was split: its writer is told privately where each problem continues, with titles and links; the channel hears nothing', async () => {
  const ROOT = '1950000000100';
  const thread = [
    { id: ROOT, from: CUSTOMER, text: 'Printer and badge both broken' },
    { id: '1950000000101', from: OTHER, text: 'My badge does not open the door' },
  ];
  for (const m of thread) await post(channelMessage(connector, m.text, { id: m.id, from: m.from, threadId: m.id === ROOT ? undefined : ROOT }));
  const logged = async () => Number((await suite.db.dataSource.query(`SELECT count(*) AS n FROM conversation_messages WHERE coalesce(thread_id, message_id) = $1`, [ROOT]))[0].n);
  await eventually(async () => (await logged()) === 2, 'the thread in the conversation log');
  const payload = { id: '1950000000101', replyToId: ROOT, html: '<p>My badge does not open the door</p>', from: OTHER };
  const res = await postActivity(suite.app, extensionInvoke(connector, 'composeExtension/submitAction', 'splitConversation', payload, {
    from: AGENT, data: { title_1: 'Printer <broken>', messages_1: ROOT, title_2: 'Badge', messages_2: '1950000000101' },
  }));
  const created = /#(\d+), #(\d+)/.exec(String((res.body as { task: { value: string } }).task.value))!;
  const [first, second] = [Number(created[1]), Number(created[2])];
  const roots = async () => (await suite.db.dataSource.query(
    'SELECT number, thread_id FROM tickets WHERE number = ANY($1::int[]) AND thread_id IS NOT NULL ORDER BY number', [[first, second]],
  )) as { number: number; thread_id: string }[];
  const cards = await eventually(async () => ((await roots()).length === 2 ? roots() : undefined), 'the two new cards');

  const since = connector.calls.length;
  await post(channelMessage(connector, 'any news on this?', { id: '1950000000102', from: OTHER, threadId: ROOT, locale: 'pt-BR' }));
  const told = await eventually(
    () => connector.acceptedSince(since).find((c) => c.method === 'POST' && c.conversationId !== `${CHANNEL};messageid=${ROOT}` && text(c).includes('Badge')),
    'the private notice',
  );
  // createConversation opened the writer's 1:1 chat: the notice went there, not to the channel.
  const opened = connector.acceptedSince(since).find((c) => c.method === 'POST' && c.conversationId === null);
  expect((opened!.body.members as { id: string }[]).map((m) => m.id)).toEqual([OTHER.id]);
  expect(text(told)).toBe([
    translate('en', 'notices.split_continues', { count: 2 }),
    `- [#${first}](${deepLink(cards[0].thread_id)}) Printer \\<broken\\>`,
    `- [#${second}](${deepLink(cards[1].thread_id)}) Badge`,
  ].join('\n\n'));
  expect(connector.acceptedSince(since).filter((c) => c.conversationId === `${CHANNEL};messageid=${ROOT}`)).toEqual([]);
  // The message is kept (an agent can still add it to a ticket) and joins none by itself.
  expect(await suite.db.dataSource.query('SELECT 1 FROM ticket_messages WHERE platform_message_id = $1', ['1950000000102'])).toEqual([]);
  expect(await suite.db.dataSource.query('SELECT 1 FROM conversation_messages WHERE message_id = $1', ['1950000000102'])).toHaveLength(1);
});
