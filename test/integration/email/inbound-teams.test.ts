import { makeTag, newTagKey, replyAddress, TAG_KEY_NAME } from '../../../src/email/tag';
import { outboxRows } from '../../support/outbox-rows';
import { compose, emailEnv, freePort, postInbound, sendSmtp, startSink, SUPPORT, type MailSink } from '../../support/email';
import { CHANNEL, eventually, installUpdate, postActivity, TeamsSuite, WS } from '../../support/teams-app';

/**
 * Contract §10 with Teams as EMAIL_TICKETS_CHANNEL: tickets opened by mail belong to the tenant of
 * the conversation, once the bot has seen it; until then mail is kept (SMTP 250, HTTP 202) and waits.
 */
let sink: MailSink;
let smtpPort = 0;
const env: Record<string, string> = {};
beforeAll(async () => {
  sink = await startSink();
  smtpPort = await freePort();
  Object.assign(env, emailEnv(sink, smtpPort, `teams:${CHANNEL}`, { PUBLIC_URL: 'https://help.acme.example' }));
});
afterAll(async () => {
  await sink.stop();
});
const suite = new TeamsSuite(env);
const { connector } = suite;

let people = 0;
const person = () => `teams.${++people}@customer.example`;
const TICKET = 'SELECT id, number, workspace_id, channel_id, thread_id, title FROM tickets WHERE requester_id = $1';
const ticketOf = async (from: string) => eventually(async () => (await suite.db.dataSource.query(TICKET, [`email:${from}`]))[0]);
const threadOf = (ticketId: string) =>
  eventually(async () => (await suite.db.dataSource.query('SELECT thread_id FROM tickets WHERE id = $1', [ticketId]))[0].thread_id as string | null);

test('mail is kept (202 / 250) and waits until the bot has seen the tickets conversation, then opens a ticket in its tenant with the card there', async () => {
  const from = person();
  const raw = await compose({ from, to: SUPPORT, subject: 'Teams mail', text: 'hello from mail' });
  const early = await postInbound(suite.app.url, raw);
  expect(early.status).toBe(202);
  // The same mail again over SMTP: accepted, kept once.
  expect((await sendSmtp(smtpPort, raw, { from, to: [SUPPORT] })).response).toMatch(/^250/);
  const waiting = () => suite.db.dataSource.query('SELECT attempts, last_error FROM email_inbox');
  const [row] = await eventually(async () => { const rows = await waiting(); return rows[0]?.attempts > 0 ? rows : null; });
  expect(row.last_error).toMatch(/has not seen Teams conversation/);
  expect(await waiting()).toHaveLength(1);
  expect((await suite.db.dataSource.query('SELECT count(*)::int AS n FROM email_messages'))[0].n).toBe(0);

  expect((await postActivity(suite.app, installUpdate(connector))).status).toBe(200);
  const ticket = await ticketOf(from);
  expect(ticket).toMatchObject({ workspace_id: WS, channel_id: CHANNEL, title: 'Teams mail' });
  await threadOf(ticket.id);
});

test('a subject with markdown and a mention tag shows as text on the Teams card; a reply\'s text and file link arrive escaped in the thread', async () => {
  await postActivity(suite.app, installUpdate(connector));
  const from = person();
  const since = connector.calls.length;
  await postInbound(suite.app.url, await compose({ from, to: SUPPORT, subject: '**urgent** <at>Everyone</at> [click](https://evil.example)', text: 'x' }));
  const ticket = await ticketOf(from);
  await threadOf(ticket.id);
  const card = JSON.stringify(connector.acceptedSince(since).map((c) => c.body));
  expect(card).toContain('\\\\*\\\\*urgent\\\\*\\\\*');
  expect(card).not.toContain('<at>Everyone</at>');
  expect(card).toContain('mailed to the customer; begin one with note:');

  const key = await suite.app.context.platformRecords.appSecrets.getOrCreate(TAG_KEY_NAME, newTagKey);
  const tagged = replyAddress(SUPPORT, makeTag(key, WS, ticket.number));
  const before = connector.calls.length;
  await postInbound(suite.app.url, await compose({
    from, to: tagged, subject: 'Re: x', text: '<at>Ana Agent</at> *look*',
    attachments: [{ filename: 'log.txt', content: 'log', contentType: 'text/plain' }],
  }));
  const relayed = await eventually(() => connector.acceptedSince(before).find((c) => String(c.body.text ?? '').includes('(e-mail)')), 'the relayed mail');
  const text = String(relayed.body.text);
  expect(text).toContain(`${from} (e-mail):`);
  expect(text).not.toContain('<at>Ana Agent</at>');
  expect(text).toContain('\\*look\\*');
  expect(text).toMatch(/\(https:\/\/help\.acme\.example\/files\/[0-9a-f-]{36}\)/);
});

test('a file over the per-file limit is not kept, and the thread says so', async () => {
  await postActivity(suite.app, installUpdate(connector));
  const from = person();
  const res = await postInbound(suite.app.url, await compose({
    from, to: SUPPORT, subject: 'Big file', text: 'see attached',
    attachments: [{ filename: 'huge.iso', content: Buffer.alloc(10 * 1024 * 1024 + 1, 7) }, { filename: 'small.txt', content: 'ok' }],
  }));
  expect(res.status).toBe(202);
  const ticket = await ticketOf(from);
  const [entry] = await suite.db.dataSource.query('SELECT attachments FROM ticket_messages WHERE ticket_id = $1', [ticket.id]);
  expect(entry.attachments.files.map((f: { name: string }) => f.name)).toEqual(['small.txt']);
  expect((await suite.db.dataSource.query('SELECT name FROM email_files WHERE ticket_id = $1', [ticket.id])).map((r: { name: string }) => r.name)).toEqual(['small.txt']);
  const notices = await outboxRows(suite.db.dataSource, ticket.id, 'thread_notice');
  expect(notices.map((n) => n.payload.notice?.key)).toContain('notices.email_file_too_large');
  const thread = await threadOf(ticket.id);
  await eventually(() => connector.calls.find((c) => String(c.body.text ?? '').includes('huge.iso') && String(c.conversationId).includes(thread)), 'the line in the thread');
});
