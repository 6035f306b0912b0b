import { emailTicket, startSlackMailHarness, threadOfTicket } from '../../support/email-tickets';
import { pendingPosts } from '../../support/outbox-rows';
import { eventually, type SlackHarness } from '../../support/slack-harness';
import type { SmtpSink } from '../../support/smtp-sink';

/**
 * Contract §10 "Out" for Slack's "Add to ticket" message shortcut: a message an agent files into
 * an e-mail ticket is a message of that ticket, so its e-mail requester receives it by SMTP (From
 * the writer's name), unless it begins with `note:` (kept in the history and the thread, mailed to nobody).
 */

let sink: SmtpSink;
let h: SlackHarness;
let stop: () => Promise<void>;
let seq = 0;
const addressFor = (who: string) => `${who}.${++seq}@customer.example`;
let ts = 1787000000;
const nextTs = () => `${++ts}.000100`;

beforeAll(async () => {
  ({ h, sink, stop } = await startSlackMailHarness());
  h.fake.names.set('U_BEN', 'Ben Colleague');
});
afterAll(async () => {
  await stop?.();
});

const open = (address: string, title: string) => emailTicket(h.app.context.deps, (n) => threadOfTicket(h, n), { address, title });
const mailsTo = (address: string, n: number) => eventually(() => (sink.to(address).length >= n ? sink.to(address) : null), `${n} mail(s) to ${address}`);
const drained = () => eventually(async () => (await pendingPosts(h.db.dataSource)) === 0, 'the outbox drained');
const historyOf = async (ticketId: string) =>
  (await h.sql('SELECT text FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at', [ticketId])).map((r: { text: string }) => r.text);

/** An agent runs "Add to ticket" on a message of C_HELP and submits `#n`; answers once it was added. */
async function addToTicket(agent: string, message: { ts: string; user: string; text: string }, number: number): Promise<void> {
  await h.slack.messageShortcut('add_to_ticket', agent, 'C_HELP', message);
  const modal = await h.fake.waitFor('views.open', (c) => c.body.view?.callback_id === 'add_to_ticket' && String(c.body.view.private_metadata).includes(message.ts));
  // The shortcut keeps the message after opening the form: submit until the submission finds it.
  await eventually(async () => {
    const r = await h.slack.viewSubmission(agent, {
      callback_id: 'add_to_ticket',
      private_metadata: modal.body.view.private_metadata,
      values: { ticket: { ticket: { type: 'plain_text_input', value: `#${number}` } } },
    });
    return r.status === 200 && r.text === '';
  }, `"Add to ticket" of ${message.ts} to #${number}`);
}

test('"Add to ticket": the e-mail requester receives the added message by SMTP, From its writer\'s name, with the ticket\'s subject', async () => {
  const address = addressFor('rita');
  const ticket = await open(address, 'Printer on floor 2');
  const message = { ts: nextTs(), user: 'U_BEN', text: 'The printer on floor 2 has a new drum & works again' };
  h.fake.addMessage('C_HELP', message);
  await addToTicket('U_AGENT', message, ticket.number);

  const [mail] = await mailsTo(address, 1);
  expect(mail.to).toEqual([address]);
  expect(mail.parsed.subject).toBe(`[#${ticket.number}] Printer on floor 2`);
  expect(mail.parsed.from?.value[0].name).toBe('Ben Colleague');
  expect(mail.parsed.text).toContain('The printer on floor 2 has a new drum & works again');
  expect(mail.parsed.html).toContain('The printer on floor 2 has a new drum &amp; works again');
  expect(await historyOf(ticket.id)).toContain(message.text);
});

test('"Add to ticket" of a note: message: kept in the history and relayed in the thread, but mailed to nobody', async () => {
  const address = addressFor('sara');
  const ticket = await open(address, 'VPN drops');
  const note = { ts: nextTs(), user: 'U_AGENT', text: '  Note: the customer is on the old VPN client' };
  const answer = { ts: nextTs(), user: 'U_AGENT', text: 'Please update your VPN client to 5.2' };
  h.fake.addMessage('C_HELP', note);
  h.fake.addMessage('C_HELP', answer);
  await addToTicket('U_AGENT', note, ticket.number);
  await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === ticket.threadId && String(c.body.text).includes('old VPN client'));
  await addToTicket('U_AGENT', answer, ticket.number);

  // The later message arrives, so the note (filed first, mail rows go out in order) would have too.
  await mailsTo(address, 1);
  await drained();
  expect(sink.to(address).map((m) => m.parsed.text)).toEqual([expect.stringContaining('Please update your VPN client to 5.2')]);
  expect(sink.mails.some((m) => m.raw.includes('old VPN client'))).toBe(false);
  expect(await historyOf(ticket.id)).toEqual(expect.arrayContaining([note.text, answer.text]));
});
