import { batchQueue, type BatchQueueOptions } from '../batch-queue';
import { emailPersonId } from '../email-people';
import type { Repositories } from '../ports';
import { attachmentsOf, type Ticket } from '../ticket';
import { ccsOf, mailAsMessage, mailMessage, mailTitle, noteSkippedFiles, type InboundMail, type MailHome, type ReceiveMailOutcome } from './inbound-mail';
import { joinByMail } from './join-by-mail';
import { mailTicketPeople } from './mail-people';
import { cleanTitle, openTicketIn } from './open-ticket';
import { localeOf, type UseCaseDeps } from './shared';

export type { InboundMail, MailHome, ReceiveMailOutcome } from './inbound-mail';

/**
 * Received mails, in one transaction (contract §10), each as follows: a reply (verified tag, else
 * In-Reply-To/References naming our mail) joins its ticket as a thread message does; any other
 * mail opens a ticket in the e-mail home, with its Cc's as CCs and an acknowledgement naming #n
 * mailed to the requester. A Message-ID already noted is a duplicate and changes nothing.
 */
export function receiveMails(deps: UseCaseDeps, home: MailHome, mails: readonly InboundMail[]): Promise<ReceiveMailOutcome[]> {
  return deps.store.transaction(async (repos) => {
    const outcomes: ReceiveMailOutcome[] = [];
    for (const mail of mails) outcomes.push(await receiveOne(repos, deps, home, mail));
    return outcomes;
  });
}

export const MAIL_RECEIVER_DEFAULTS: BatchQueueOptions = { concurrency: 4, maxBatch: 16 };

/**
 * `receiveMails` for one mail at a time, for the inbox: mails handed over while earlier ones are
 * being stored go in together, one transaction (and one commit) for all of them. A batch that
 * fails runs again one mail at a time, so one bad mail fails alone. All share one home.
 */
export function mailReceiver(deps: UseCaseDeps, options = MAIL_RECEIVER_DEFAULTS): (input: { home: MailHome; mail: InboundMail }) => Promise<ReceiveMailOutcome> {
  return batchQueue(async (inputs) => {
    const order = lockOrder(inputs.map((i) => i.mail));
    const outcomes = await receiveMails(deps, inputs[0].home, order.map((i) => inputs[i].mail));
    const back: ReceiveMailOutcome[] = [];
    order.forEach((i, k) => (back[i] = outcomes[k]));
    return back;
  }, options);
}

/**
 * Replies by tag first, by ticket number, then other replies, then new mail: tickets are locked
 * in one order and the number counter last, so two batches seldom wait on each other in a cycle.
 * Each sender has one mail in a batch at most (the inbox's lanes), so no sender's order changes.
 */
function lockOrder(mails: readonly InboundMail[]): number[] {
  const rank = (m: InboundMail) => (m.taggedNumber !== null ? 0 : m.references.length > 0 ? 1 : 2);
  return mails.map((_, i) => i).sort((a, b) =>
    rank(mails[a]) - rank(mails[b]) || (mails[a].taggedNumber ?? 0) - (mails[b].taggedNumber ?? 0) || a - b);
}

async function receiveOne(repos: Repositories, deps: UseCaseDeps, home: MailHome, mail: InboundMail): Promise<ReceiveMailOutcome> {
  const ticket = await ticketOfReply(repos, home, mail);
  if (!(await repos.mailRecords.note(mail.messageId, 'in', ticket?.id ?? null))) return { kind: 'duplicate' };
  if (mail.automatic) return { kind: 'automatic' };
  await rememberLanguage(repos, home, mail);
  if (ticket) return joinByMail(repos, deps, ticket, mail);
  return { kind: 'opened', ticket: await openByMail(repos, deps, home, mail) };
}

/** The ticket a reply belongs to, locked: by its verified tag, else by the ids it answers. A subject's `[#n]` names nothing. */
async function ticketOfReply(repos: Repositories, home: MailHome, mail: InboundMail): Promise<Ticket | null> {
  if (mail.taggedNumber !== null) {
    const tagged = await repos.tickets.byNumber(home.workspaceId, mail.taggedNumber, { lock: true });
    if (tagged) return tagged;
  }
  const ticketId = await repos.mailRecords.ticketOf(mail.references);
  return ticketId ? repos.tickets.byId(ticketId, { lock: true }) : null;
}

/** A person with no language yet whose mail says Portuguese is answered in Portuguese (contract §10). */
async function rememberLanguage(repos: Repositories, home: MailHome, mail: InboundMail): Promise<void> {
  if (!mail.portuguese) return;
  const personId = emailPersonId(mail.from);
  const pref = await repos.preferences.get(home.workspaceId, personId);
  if (!pref.locale && !pref.detectedLocale) await repos.preferences.setDetectedLocale(home.workspaceId, personId, 'pt-BR');
}

async function openByMail(repos: Repositories, deps: UseCaseDeps, home: MailHome, mail: InboundMail): Promise<Ticket> {
  const requesterId = emailPersonId(mail.from);
  const locale = await localeOf(repos, deps, home.workspaceId, requesterId);
  const title = mailTitle(mail.subject) || deps.translate(locale, 'notices.email_no_subject');
  // Without files the mail is the ticket's first entry at once; files are stored under the ticket, so they wait for its id.
  const plain = mail.files.length === 0 ? mailAsMessage({ channelId: home.channelId, threadId: null }, mail, []) : null;
  const ticket = await openTicketIn(repos, deps, {
    actor: { workspaceId: home.workspaceId, platform: home.platform, userId: requesterId, isAgent: false, locale },
    title: cleanTitle(title),
    channelId: home.channelId,
    requesterId,
    messages: plain ? [plain] : [],
  });
  if (!plain) {
    const message = await mailMessage(repos, ticket, mail);
    await repos.messages.add([{ ticketId: ticket.id, message, attachments: attachmentsOf(message) }]);
  }
  await repos.mailRecords.attach(mail.messageId, ticket.id);
  const ccIds = ccsOf(mail, (id) => id === requesterId);
  if (ccIds.length > 0) {
    ticket.ccIds = ccIds;
    await repos.tickets.saveParticipants(ticket);
  }
  await noteSkippedFiles(repos, deps, ticket, mail);
  await mailTicketPeople(repos, deps, [{
    ticket, only: [requesterId], what: { type: 'notice', key: 'notices.email_received', params: { number: ticket.number, title: ticket.title } },
  }], deps.clock.now());
  return ticket;
}
