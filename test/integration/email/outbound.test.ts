import { readTag, TAG_KEY_NAME } from '../../../src/email/tag';
import { emailReply, emailTicket, startSlackMailHarness, threadOfTicket } from '../../support/email-tickets';
import { pendingPosts } from '../../support/outbox-rows';
import { eventually, type SlackHarness } from '../../support/slack-harness';
import type { SmtpSink, SunkMail } from '../../support/smtp-sink';

/**
 * Mail out (contract §10) through the whole app: Slack tickets whose requester writes by e-mail,
 * the outbox, nodemailer and a local SMTP sink that records (or refuses) every mail.
 */

const SUPPORT = 'support@acme.example';
const PUBLIC = 'https://help.acme.example';
let sink: SmtpSink;
let h: SlackHarness;
let stop: () => Promise<void>;
let seq = 0;
const unique = (s: string) => `${s} ${++seq}`;
const addressFor = (who: string) => `${who}.${++seq}@customer.example`;

beforeAll(async () => {
  ({ h, sink, stop } = await startSlackMailHarness({ EMAIL_FROM: `Acme Support <${SUPPORT}>`, PUBLIC_URL: PUBLIC }));
});
afterAll(async () => {
  await stop?.();
});

const deps = () => h.app.context.deps;
const threadOf = (n: number) => threadOfTicket(h, n);
const open = (opts: { address: string; title?: string; locale?: 'en' | 'pt-BR'; cc?: string[] }) =>
  emailTicket(deps(), threadOf, { title: unique('Printer jams'), ...opts });
let ts = 1000;
const say = (user: string, thread: string, text: string) => h.slack.message(user, 'C_GENERAL', `${++ts}.000100`, text, { thread_ts: thread });
const drained = () => eventually(async () => (await pendingPosts(h.db.dataSource)) === 0, 'the outbox drained');
const mailsTo = (address: string, n: number) => eventually(() => (sink.to(address).length >= n ? sink.to(address) : null), `${n} mail(s) to ${address}`);
const header = (m: SunkMail, name: string) => m.parsed.headers.get(name);
const ids = (value: unknown) => String(value ?? '').match(/<[^>]+>/g) ?? [];

test('an agent\'s reply in the Slack thread is mailed to the e-mail requester: From the agent\'s name, [#n] subject, signed Reply-To, both parts, a link', async () => {
  const address = addressFor('carla');
  const ticket = await open({ address });
  await say('U_AGENT', ticket.threadId, 'Could you restart it & tell me?');
  const [mail] = await mailsTo(address, 1);
  const { parsed } = mail;
  // In Slack the e-mail requester is their address, never a mention of nobody.
  const card = h.fake.callsOf('chat.postMessage', (c) => !c.body.thread_ts && String(c.body.text).startsWith(`#${ticket.number} `));
  expect(JSON.stringify(card[0].body)).toContain(address);
  expect(JSON.stringify(card[0].body)).not.toContain('<@email:');
  expect(mail.to).toEqual([address]);
  expect(parsed.to && 'value' in parsed.to ? parsed.to.value.map((v) => v.address) : []).toEqual([address]);
  expect(parsed.from?.value[0]).toEqual({ name: 'Ana Agent', address: SUPPORT });
  expect(parsed.subject).toBe(`[#${ticket.number}] ${ticket.title}`);
  expect(parsed.text).toContain('Could you restart it & tell me?');
  expect(parsed.text).toContain(`${PUBLIC}/tickets/${ticket.number}`);
  expect(parsed.html).toContain('Could you restart it &amp; tell me?');
  expect(parsed.html).toContain(`href="${PUBLIC}/tickets/${ticket.number}"`);

  const replyTo = parsed.replyTo?.value[0].address ?? '';
  const tag = /^support\+([^@]+)@acme\.example$/.exec(replyTo)?.[1];
  const [{ value: key }] = await h.sql('SELECT value FROM app_secrets WHERE name = $1', [TAG_KEY_NAME]);
  expect(readTag(key, 'slack:T1', tag!)).toBe(ticket.number);
  expect(readTag(key, 'slack:T1', tag!.toLowerCase())).toBe(ticket.number);

  const messageId = parsed.messageId!.replace(/^<|>$/g, '');
  expect(messageId).toMatch(/@acme\.example$/);
  const noted = await h.sql('SELECT direction, ticket_id FROM email_messages WHERE message_id = $1', [messageId]);
  expect(noted).toEqual([{ direction: 'out', ticket_id: ticket.id }]);
});

test('two mails of a ticket chain: the second\'s In-Reply-To is the first\'s Message-ID and its References start with it', async () => {
  const address = addressFor('dora');
  const ticket = await open({ address });
  await say('U_AGENT', ticket.threadId, 'First answer');
  await mailsTo(address, 1);
  await say('U_AGENT', ticket.threadId, 'Second answer');
  const [first, second] = await mailsTo(address, 2);
  expect(first.parsed.text).toContain('First answer');
  expect(second.parsed.text).toContain('Second answer');
  expect(header(first, 'in-reply-to')).toBeUndefined();
  expect(ids(header(second, 'in-reply-to'))).toEqual([first.parsed.messageId]);
  expect(ids(second.parsed.references ?? [])).toContain(first.parsed.messageId);
  expect(second.parsed.subject).toBe(first.parsed.subject);
});

test('note: is never mailed, nor is a message to its own writer; a CC\'d e-mail person gets the requester\'s message', async () => {
  const requester = addressFor('ed');
  const cc = addressFor('flor');
  const ticket = await open({ address: requester, cc: [cc] });
  await say('U_AGENT', ticket.threadId, '  NOTE: the customer seems upset');
  await say('U_AGENT', ticket.threadId, 'nota: interno');
  await emailReply(deps(), ticket, requester, 'Any news from the requester?');
  await say('U_AGENT', ticket.threadId, 'Working on it');
  await mailsTo(requester, 1);
  await mailsTo(cc, 2);
  await drained();
  expect(sink.to(requester).map((m) => m.parsed.text)).toEqual([expect.stringContaining('Working on it')]);
  expect(sink.to(cc).map((m) => m.parsed.text)).toEqual([expect.stringContaining('Any news from the requester?'), expect.stringContaining('Working on it')]);
  expect(sink.to(cc)[0].parsed.from?.value[0].name).toBe(requester);
  expect(sink.mails.some((m) => /upset|interno/.test(m.raw))).toBe(false);
  const notes = await h.sql('SELECT count(*)::int AS n FROM ticket_messages WHERE ticket_id = $1 AND text ILIKE $2', [ticket.id, '%upset%']);
  expect(notes[0].n).toBe(1);
});

test('a person\'s <script> arrives as text in the HTML part, never as markup', async () => {
  const address = addressFor('gil');
  const ticket = await open({ address });
  // Slack sends < and > escaped.
  await say('U_AGENT', ticket.threadId, 'Try &lt;script&gt;alert(1)&lt;/script&gt; <b>now</b>');
  const [mail] = await mailsTo(address, 1);
  expect(mail.parsed.html).not.toMatch(/<script/i);
  expect(mail.parsed.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  expect(mail.parsed.text).toContain('<script>alert(1)</script>');
});

test('a status change is mailed to every e-mail person, each in their language (pt-BR and en), From the support name', async () => {
  const pt = addressFor('helena');
  const en = addressFor('ivan');
  const ticket = await open({ address: pt, locale: 'pt-BR', cc: [en] });
  await h.slack.command('U_AGENT', `status #${ticket.number} pending`);
  const [toPt] = await mailsTo(pt, 1);
  const [toEn] = await mailsTo(en, 1);
  expect(toPt.parsed.text).toMatch(/Pendente/);
  expect(toPt.parsed.text).toContain('Ana Agent');
  expect(toPt.parsed.html).toContain('lang="pt-BR"');
  expect(toEn.parsed.text).toMatch(/Pending/);
  expect(toEn.parsed.from?.value[0]).toEqual({ name: 'Acme Support', address: SUPPORT });
  expect(toPt.parsed.subject).toBe(`[#${ticket.number}] ${ticket.title}`);
});

test('a 451 outage at the mail server is retried: each mail arrives once, in order', async () => {
  const address = addressFor('joana');
  const ticket = await open({ address });
  sink.failWith = 451;
  const before = sink.attempts;
  await say('U_AGENT', ticket.threadId, 'One');
  await say('U_AGENT', ticket.threadId, 'Two');
  await eventually(() => sink.attempts >= before + 3, 'several refused attempts');
  expect(sink.to(address)).toHaveLength(0);
  sink.failWith = null;
  const mails = await mailsTo(address, 2);
  await drained();
  expect(sink.to(address).map((m) => m.parsed.text?.split('\n')[2])).toEqual(['One', 'Two']);
  expect(mails).toHaveLength(2);
});

test('a 550 refusal makes the mail dead: it is not retried', async () => {
  const address = addressFor('kim');
  const ticket = await open({ address });
  sink.failWith = 550;
  const before = sink.attempts;
  await say('U_AGENT', ticket.threadId, 'Refused');
  const dead = await eventually(async () => {
    const rows = await h.sql(`SELECT status, attempts, last_error FROM outbox WHERE kind = 'email' AND payload->>'ticketId' = $1`, [ticket.id]);
    return rows.find((r: { status: string }) => r.status === 'dead');
  }, 'the mail marked dead');
  sink.failWith = null;
  expect(dead.attempts).toBe(1);
  expect(dead.last_error).toMatch(/550/);
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(sink.attempts).toBe(before + 1);
  expect(sink.to(address)).toHaveLength(0);
});
