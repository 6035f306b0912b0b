import { sweep } from '../../../src/core';
import { emailReply, emailTicket, startSlackMailHarness, threadOfTicket } from '../../support/email-tickets';
import { pendingPosts } from '../../support/outbox-rows';
import { eventually, unlinked, type SlackHarness } from '../../support/slack-harness';
import type { SmtpSink } from '../../support/smtp-sink';

/**
 * Reminders, auto-close and follow-up notices by mail (contract §8, §10), with the sweep run by
 * hand on a clock the test moves forward (real time plus an offset, so retries still come due).
 */

const HOUR = 3_600_000;
const NEVER = '0 0 1 1 *';
let offset = 0;
const now = () => new Date(Date.now() + offset);
let sink: SmtpSink;
let h: SlackHarness;
let stop: () => Promise<void>;
let seq = 0;
const addressFor = (who: string) => `${who}.${++seq}@customer.example`;

beforeAll(async () => {
  ({ h, sink, stop } = await startSlackMailHarness({ SCHEDULER_CRON: NEVER, PENDING_REMINDER_AFTER: '24h', PENDING_AUTO_CLOSE_AFTER: '72h' }, { now }));
});
afterAll(async () => {
  await stop?.();
});

const deps = () => h.app.context.deps;
const threadOf = (n: number) => threadOfTicket(h, n);
const drained = () => eventually(async () => (await pendingPosts(h.db.dataSource)) === 0, 'the outbox drained');
const mailsTo = (address: string, n: number) => eventually(() => (sink.to(address).length >= n ? sink.to(address) : null), `${n} mail(s) to ${address}`);
// Leases follow the app's clock: nothing may be in flight when it jumps.
const advance = async (ms: number) => { await drained(); offset += ms; };

test('a reminder is mailed to the requester alone, in their language; auto-close to every e-mail person', async () => {
  const requester = addressFor('lia');
  const cc = addressFor('max');
  const ticket = await emailTicket(deps(), threadOf, { address: requester, title: `Scanner offline ${seq}`, locale: 'pt-BR', cc: [cc] });
  await h.slack.command('U_AGENT', `status #${ticket.number} pending`);
  const [pending] = await mailsTo(requester, 1);
  await mailsTo(cc, 1);
  // Chat's "waiting for your answer here" reads as a mail would say it.
  expect(pending.parsed.text).toContain('responda a este e-mail');

  await advance(24 * HOUR + 1000);
  expect((await sweep(deps(), now())).reminders).toBeGreaterThanOrEqual(1);
  const [, reminder] = await mailsTo(requester, 2);
  expect(reminder.parsed.text).toContain(`${requester}, o #${ticket.number} está aguardando a sua resposta`);
  expect(reminder.parsed.subject).toBe(`[#${ticket.number}] ${ticket.title}`);
  await drained();
  expect(sink.to(cc)).toHaveLength(1);
  // The reminder in the Slack thread names the e-mail requester by address, never as a mention.
  const inThread = h.fake.callsOf('chat.postMessage', (c) => c.body.thread_ts === ticket.threadId).map((c) => unlinked(JSON.stringify(c.body)));
  expect(inThread.some((body) => body.includes(`${requester}, o #${ticket.number}`))).toBe(true);
  expect(inThread.join('\n')).not.toContain('<@email:');

  await advance(48 * HOUR + 1000);
  expect((await sweep(deps(), now())).autoClosed).toBeGreaterThanOrEqual(1);
  const closedPt = (await mailsTo(requester, 3))[2];
  const closedEn = (await mailsTo(cc, 2))[1];
  expect(closedPt.parsed.text).toMatch(/Fechado/);
  expect(closedEn.parsed.text).toMatch(/Closed/);
  expect(closedEn.parsed.text).toContain(requester);
  expect(closedPt.parsed.text).toContain('é só responder a este e-mail que abrimos uma continuação');
  expect(closedEn.parsed.text).toContain('just reply to this e-mail and a follow-up ticket will be opened');
  const inThreadAfter = h.fake.callsOf('chat.postMessage', (c) => c.body.thread_ts === ticket.threadId).map((c) => unlinked(JSON.stringify(c.body))).join('\n');
  expect(inThreadAfter).toContain('é só escrever aqui');
});

test('a reply to a closed ticket opens a follow-up; its notice reaches the closed ticket\'s e-mail people under the follow-up\'s number and title', async () => {
  const requester = addressFor('nina');
  const cc = addressFor('otto');
  const ticket = await emailTicket(deps(), threadOf, { address: requester, title: `VPN drops ${seq}`, cc: [cc] });
  await h.slack.command('U_AGENT', `close #${ticket.number}`);
  await mailsTo(cc, 1);
  await emailReply(deps(), ticket, requester, 'It happened again');
  const followUp = await eventually(async () =>
    (await h.sql('SELECT number, title FROM tickets WHERE follow_up_of = $1', [ticket.id]))[0] as { number: number; title: string } | undefined);
  const mails = await mailsTo(cc, 3);
  const subjects = mails.slice(1).map((m) => m.parsed.subject);
  expect(subjects).toEqual([`[#${followUp.number}] ${followUp.title}`, `[#${followUp.number}] ${followUp.title}`]);
  expect(mails.slice(1).map((m) => m.parsed.text).join('\n')).toContain('It happened again');
  expect(mails.slice(1).map((m) => m.parsed.text).join('\n')).toContain(`follow-up #${followUp.number}`);
  await drained();
  // The writer is told of the follow-up, never sent their own words.
  expect(sink.to(requester).some((m) => m.parsed.text?.includes('It happened again'))).toBe(false);
});
