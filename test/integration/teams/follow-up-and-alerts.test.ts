import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { AGENT, CHANNEL, CUSTOMER, cardSubmit, channelCommand, channelMessage, personalMessage, postActivity, TeamsSuite } from '../../support/teams-app';
import { eventually } from '../../support/eventually';

/**
 * Contract §3 (one follow-up, fed by the closed thread) and §8 (alerts mention the assignee
 * alone, in DEFAULT_LOCALE) through the real /api/messages and the fake connector.
 */
const SECOND_AGENT = { id: '29:second-agent', name: 'Bia Backup' };
const suite = new TeamsSuite({ AGENTS: `teams:${AGENT.id},teams:${SECOND_AGENT.id}`, DEFAULT_LOCALE: 'pt-BR' });
const { connector } = suite;

const ticketByTitle = async (title: string) => (await suite.db.dataSource.query('SELECT id, number, status, thread_id FROM tickets WHERE title = $1', [title]))[0];
const postsIn = (conversationId: string, since = 0) => connector.acceptedSince(since).filter((c) => c.method === 'POST' && c.conversationId === conversationId);
const text = (c: ConnectorCall) => String(c.body.text ?? '');
let id = 3000000000000;
const nextId = () => String(++id);

async function post(activity: Record<string, unknown>) {
  expect((await postActivity(suite.app, activity)).status).toBe(200);
}

async function open(title: string) {
  await post(channelCommand(connector, `new ${title}`, { from: CUSTOMER }));
  const thread = await eventually(async () => (await ticketByTitle(title))?.thread_id as string | undefined, 'the card');
  return { ...(await ticketByTitle(title)), thread };
}

test('messages in a closed ticket\'s thread join its one follow-up and are relayed into the follow-up\'s thread', async () => {
  const original = await open('Teams calls drop');
  await post(cardSubmit(connector, { chamado: 'ticket', op: 'close', number: original.number }, { from: AGENT, threadId: original.thread }));
  await eventually(async () => (await ticketByTitle('Teams calls drop')).status === 'closed', 'closed');
  await post(channelMessage(connector, 'Dropped again', { from: CUSTOMER, threadId: original.thread, id: nextId() }));
  const followUp = await eventually(async () => (await suite.db.dataSource.query(
    'SELECT id, number, thread_id FROM tickets WHERE follow_up_of = $1 AND thread_id IS NOT NULL',
    [original.id],
  ))[0], 'the follow-up');
  const since = connector.calls.length;
  await post(channelMessage(connector, 'Which headset do you use?', { from: AGENT, threadId: original.thread, id: nextId() }));
  await post(channelMessage(connector, 'A <b>Jabra</b> one', { from: CUSTOMER, threadId: original.thread, id: nextId() }));

  const history = async () => (await suite.db.dataSource.query(
    'SELECT text FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at, id',
    [followUp.id],
  )).map((r: { text: string }) => r.text);
  await eventually(async () => (await history()).length === 3, 'three messages in the follow-up');
  expect(await history()).toEqual(['Dropped again', 'Which headset do you use?', 'A Jabra one']);
  expect((await suite.db.dataSource.query('SELECT count(*)::int AS n FROM tickets WHERE follow_up_of = $1', [original.id]))[0].n).toBe(1);
  await eventually(() => postsIn(`${CHANNEL};messageid=${followUp.thread_id}`, since).find((c) => text(c).includes('A Jabra one')), 'the relayed reply');
});

test('an unassigned nudge names no agent, in the agents\' language', async () => {
  // The requester reads English; the agents' language (DEFAULT_LOCALE) is Portuguese.
  await post(personalMessage(connector, 'lang en', { from: CUSTOMER }));
  const ticket = await open('Printer will not print');
  const since = connector.calls.length;
  await post(personalMessage(connector, `nudge #${ticket.number}`, { from: CUSTOMER }));
  const nudge = await eventually(() => postsIn(`${CHANNEL};messageid=${ticket.thread}`, since).find((c) => text(c).includes('atualização')), 'the nudge in Portuguese');
  const mentioned = ((nudge.body.entities ?? []) as { mentioned?: { id: string } }[]).map((e) => e.mentioned?.id);
  expect(mentioned).not.toContain(AGENT.id);
  expect(mentioned).not.toContain(SECOND_AGENT.id);
  expect(text(nudge)).not.toContain(AGENT.name);
  expect(text(nudge)).not.toContain(SECOND_AGENT.name);
});
