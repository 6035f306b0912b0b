import type { ConnectorCall } from '../../fakes/fake-bot-connector';
import { cardsOf, cardText } from '../../support/teams-cards';
import {
  AGENT, CUSTOMER, OTHER, channelCommand, channelMessage, personalConversation, personalMessage, postActivity, TeamsSuite, type Json, shownText,
} from '../../support/teams-app';
import { eventually } from '../../support/eventually';

/** show, search, queue, whoami and the grammar's questions through /api/messages, against the fake connector. */
const suite = new TeamsSuite();
const { connector } = suite;

const textOf = (call: ConnectorCall) => shownText(String(call.body.text ?? ''));
const bodyText = (call: ConnectorCall) => {
  const cards = cardsOf(call.body);
  return cards.length > 0 ? shownText(cards.map(cardText).join('\n')) : textOf(call);
};

/** A command in the person's 1:1 chat with the bot, and the bot's answer there. */
async function ask(text: string, from = CUSTOMER, extra: Json = {}): Promise<ConnectorCall> {
  const since = connector.calls.length;
  const res = await postActivity(suite.app, { ...personalMessage(connector, text, { from }), ...extra });
  expect(res.status).toBe(200);
  const conversationId = personalConversation(from);
  return eventually(() => connector.acceptedSince(since).find((c) => c.method === 'POST' && c.conversationId === conversationId), `the answer to "${text}"`);
}

/** A ticket opened in the channel; answers its number and its thread's root id once the card is posted. */
async function openTicket(title: string, from = CUSTOMER): Promise<{ number: number; threadId: string }> {
  const since = connector.calls.length;
  await postActivity(suite.app, channelCommand(connector, `new ${title}`, { from }));
  const reply = await eventually(() => connector.acceptedSince(since).find((c) => c.method === 'POST' && /Opened ticket #\d+/.test(textOf(c))), 'the opened line');
  const number = Number(/#(\d+)/.exec(textOf(reply))![1]);
  const row = await eventually(async () => (await suite.db.dataSource.query(
    'SELECT thread_id FROM tickets WHERE number = $1 AND thread_id IS NOT NULL',
    [number],
  ))[0], 'the ticket thread');
  return { number, threadId: row.thread_id };
}

test('show lists the latest messages with their author, time in the asker\'s zone, files and links, and how many earlier ones', async () => {
  const { number, threadId } = await openTicket('VPN drops');
  const base = Date.UTC(2026, 5, 21, 0, 10);
  for (let i = 1; i <= 11; i++) {
    await postActivity(suite.app, { ...channelMessage(connector, `note ${i}`, { threadId, from: CUSTOMER }), timestamp: new Date(base + i * 60_000).toISOString() });
  }
  await postActivity(suite.app, {
    ...channelMessage(connector, 'log at https://logs.example.com/1', { threadId, from: OTHER, attachments: [{ contentType: 'reference', contentUrl: 'https://contoso.sharepoint.com/vpn.log', name: 'vpn.log' }] }),
    timestamp: new Date(base + 12 * 60_000).toISOString(),
  });
  await eventually(async () => (await suite.db.dataSource.query('SELECT count(*)::int AS n FROM ticket_messages'))[0].n === 12, 'the twelve messages');

  const reply = await ask(`show #${number}`, AGENT, { localTimezone: 'America/Sao_Paulo' });
  const shown = bodyText(reply);
  expect(shown).toContain('12 messages');
  expect(shown).toContain('2 earlier messages not shown.');
  expect(shown).not.toContain('note 2\n');
  expect(shown).toContain('note 3');
  // 00:22 UTC on 21 June is 21:22 on the 20th in São Paulo.
  expect(shown).toContain(`**${OTHER.name}** · Jun 20, 21:22`);
  expect(shown).toContain('Files: [vpn.log](https://contoso.sharepoint.com/vpn.log)');
  expect(shown).toContain('Links: [https://logs.example.com/1](https://logs.example.com/1)');
});

test('search and queue answer with cards; queue is for agents', async () => {
  const { number } = await openTicket('Impressão borrada');
  expect(bodyText(await ask('buscar impressao'))).toContain(`#${number} Impressão borrada (Open)`);
  expect(bodyText(await ask('queue'))).toContain('Only support agents');
  const queue = bodyText(await ask('fila sem-atendente', AGENT));
  expect(queue).toContain('Queue: tickets nobody has claimed');
  expect(queue).toContain(`#${number} Impressão borrada · Normal · Open · Unassigned`);
});

test('whoami tells the Teams id in the AGENTS form', async () => {
  expect(textOf(await ask('whoami'))).toBe(`Your id is \`teams:${CUSTOMER.id}\`. You are not an agent: to make you one, an admin adds \`teams:${CUSTOMER.id}\` to AGENTS.`);
  expect(textOf(await ask('quemsou', AGENT))).toBe(`Your id is \`teams:${AGENT.id}\`. You are an agent.`);
});

test('a typed @name explains how to @mention in Teams; status with no status asks which', async () => {
  const { number } = await openTicket('Keyboard');
  const typed = textOf(await ask(`assign #${number} @Olga`, AGENT));
  expect(typed).toContain('"@Olga" is typed text, not a mention');
  expect(typed).toContain('pick their name from the suggestions Teams shows');
  expect(textOf(await ask(`status #${number}`, AGENT))).toContain(`Which status for #${number}? Use open, pending or closed`);
});
