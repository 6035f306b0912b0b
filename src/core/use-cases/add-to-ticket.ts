import { ChamadoError } from '../errors';
import { attachmentsOf, type Actor, type ChatMessage, type Ticket } from '../ticket';
import { mailTicketPeople, messageMail } from './mail-people';
import { relayPost } from './relay';
import { localeOf, requireAgent, type UseCaseDeps } from './shared';

export interface AddToTicketResult {
  ticket: Ticket;
  /** False when the ticket already had the message. */
  added: boolean;
}

/**
 * An agent puts a message (a late reply in a split thread, say) into a ticket's history, whatever
 * its status, with its files and links, and it is copied into the ticket's thread. The ticket's
 * status and clocks are left as they are: adding is filing, not a reply.
 */
export async function addToTicket(deps: UseCaseDeps, actor: Actor, number: number, message: ChatMessage): Promise<AddToTicketResult> {
  requireAgent(actor);
  return deps.store.transaction(async (repos) => {
    const ticket = await repos.tickets.byNumber(actor.workspaceId, number, { lock: true });
    if (!ticket) throw new ChamadoError('ticket_not_found', { number });
    const [added] = await repos.messages.add([{ ticketId: ticket.id, message, attachments: attachmentsOf(message) }]);
    if (!added) return { ticket, added };
    const now = deps.clock.now();
    await repos.events.add(ticket.id, actor.userId, 'message_added', { messageId: message.id, authorId: message.authorId, channelId: message.channelId }, now);
    const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
    await repos.outbox.enqueue(relayPost(ticket, message, {
      key: 'notices.relayed_added', params: { number: ticket.number, actor: actor.userId, person: message.authorId }, locale,
    }), now);
    await mailTicketPeople(repos, deps, [messageMail(ticket, message)], now);
    return { ticket, added };
  });
}
