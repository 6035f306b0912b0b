import { ChamadoError } from '../errors';
import { attachmentsOf, type Actor, type ChatMessage, type Ticket } from '../ticket';
import { mailTicketPeople, messageMail } from './mail-people';
import { recordThreadMessageIn } from './record-thread-message';
import { localeOf, postThreadNotice, touch, visibleTicket, type UseCaseDeps } from './shared';

export const MAX_WEB_REPLY_LENGTH = 4000;

/**
 * A reply written on the web: it joins the history exactly as a message in the ticket thread
 * would (a customer's reply reopens a Pending ticket; on a Closed one it opens a follow-up), and
 * is posted into the thread as "<name> (web): <text>". Answers the ticket it landed on.
 */
export async function replyFromWeb(deps: UseCaseDeps, actor: Actor, number: number, text: string, authorName: string): Promise<Ticket> {
  const body = text.trim();
  if (body === '' || body.length > MAX_WEB_REPLY_LENGTH) throw new ChamadoError('bad_arguments', { command: 'reply', value: '' });
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    const now = deps.clock.now();
    const message: ChatMessage = {
      // Unique within the ticket (the history stores a message id once); not a secret.
      id: `web:${now.getTime().toString(36)}:${Math.random().toString(36).slice(2, 12)}`,
      channelId: ticket.channelId,
      threadId: ticket.threadId,
      authorId: actor.userId,
      text: body,
      files: [],
      postedAt: now,
    };
    let landed = ticket;
    if (ticket.threadId) {
      const outcome = await recordThreadMessageIn(repos, deps, { workspaceId: actor.workspaceId, platform: ticket.platform, message, authorIsAgent: actor.isAgent });
      if (outcome.kind === 'follow_up') landed = outcome.followUp;
      else if (outcome.kind === 'recorded') landed = outcome.ticket;
    } else {
      // The card is not posted yet, so there is no thread to match: keep the message all the same.
      await repos.messages.add([{ ticketId: ticket.id, message, attachments: attachmentsOf(message) }]);
      touch(ticket, actor, now);
      await repos.tickets.save(ticket);
      await mailTicketPeople(repos, deps, [messageMail(ticket, message)], now);
    }
    const locale = await localeOf(repos, deps, landed.workspaceId, landed.requesterId);
    await postThreadNotice(repos, landed, { key: 'web:notices.reply', params: { number: landed.number, name: authorName, text: body }, locale }, now);
    return landed;
  });
}
