import { emailPersonId } from '../email-people';
import { applyStatus } from '../lifecycle';
import type { Repositories } from '../ports';
import { attachmentsOf, isParticipant, type ChatMessage, type Ticket } from '../ticket';
import { ccsOf, mailMessage, MAX_MAIL_CCS, noteSkippedFiles, type InboundMail, type ReceiveMailOutcome } from './inbound-mail';
import { mailTicketPeople } from './mail-people';
import { liveFollowUps, openFollowUp } from './record-thread-message';
import { relayPost } from './relay';
import { announceStatus, localeOf, touch, type UseCaseDeps } from './shared';

/**
 * A reply by mail joins its ticket as a message in its thread does (contract §3, §10): a Pending
 * ticket goes back to Open; on a Closed one it joins the live follow-up, or opens one. It is
 * relayed into the thread as "<address> (e-mail): <text>", its new Cc's become CCs, and it is
 * mailed to the ticket's other e-mail people. `ticket` is locked by the caller.
 */
export async function joinByMail(repos: Repositories, deps: UseCaseDeps, ticket: Ticket, mail: InboundMail): Promise<ReceiveMailOutcome> {
  const now = deps.clock.now();
  const authorId = emailPersonId(mail.from);
  if (ticket.status === 'closed') {
    const live = (await liveFollowUps(repos, [ticket])).get(ticket.id);
    if (!live) {
      // The follow-up's first entry is this mail: its files are stored before the follow-up exists, then moved under it.
      const message = await mailMessage(repos, ticket, mail);
      const outcome = await openFollowUp(repos, deps, { workspaceId: ticket.workspaceId, platform: ticket.platform, message, authorIsAgent: false }, ticket, now);
      if (outcome.kind !== 'follow_up') return { kind: 'duplicate' };
      await repos.mailFiles.moveTo(outcome.followUp.id, message.files);
      await relay(repos, deps, outcome.followUp, message, mail);
      await addCcs(repos, outcome.followUp, authorId, mail, now);
      await noteSkippedFiles(repos, deps, outcome.followUp, mail);
      return { kind: 'follow_up', original: ticket, followUp: outcome.followUp };
    }
    ticket = live;
  }
  const message = await mailMessage(repos, ticket, mail);
  const [added] = await repos.messages.add([{ ticketId: ticket.id, message, attachments: attachmentsOf(message) }]);
  if (!added) return { kind: 'duplicate' };
  touch(ticket, { userId: authorId, isAgent: false }, now);
  const reopened = ticket.status === 'pending';
  if (reopened) applyStatus(ticket, 'open', now);
  await repos.tickets.saveAll([ticket]);
  if (reopened) {
    await repos.events.add(ticket.id, authorId, 'status_changed', { from: 'pending', to: 'open', reason: 'customer_reply' }, now);
    await announceStatus(repos, deps, ticket, authorId, now);
  }
  await relay(repos, deps, ticket, message, mail);
  // Before the new CCs join: they had this very mail already.
  await mailTicketPeople(repos, deps, [{ ticket, what: { type: 'message', authorId, text: message.text, files: message.files }, except: authorId }], now);
  await addCcs(repos, ticket, authorId, mail, now);
  await noteSkippedFiles(repos, deps, ticket, mail);
  return { kind: 'joined', ticket, reopened };
}

/** Chat people read the mail in the ticket's thread, after a line naming its address. */
async function relay(repos: Repositories, deps: UseCaseDeps, ticket: Ticket, message: ChatMessage, mail: InboundMail): Promise<void> {
  const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
  await repos.outbox.enqueue(relayPost(ticket, message, { key: 'notices.email_relayed', params: { number: ticket.number, address: mail.from }, locale }), deps.clock.now());
}

/**
 * Addresses the reply was also sent to join the ticket as CCs; so does its writer when not on the
 * ticket yet (a colleague the conversation was forwarded to, answering with its tag), so the
 * answers reach them too.
 */
async function addCcs(repos: Repositories, ticket: Ticket, authorId: string, mail: InboundMail, now: Date): Promise<void> {
  const writer = isParticipant(ticket, authorId) ? [] : [authorId];
  const fresh = [...writer, ...ccsOf(mail, (id) => id === authorId || isParticipant(ticket, id))].slice(0, Math.max(0, MAX_MAIL_CCS - ticket.ccIds.length));
  if (fresh.length === 0) return;
  ticket.ccIds = [...ticket.ccIds, ...fresh];
  await repos.tickets.saveParticipants(ticket);
  await repos.events.add(ticket.id, authorId, 'cc_added', { userIds: fresh }, now);
}
