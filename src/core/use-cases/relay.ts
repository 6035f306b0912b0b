import { isEmailPerson } from '../email-people';
import type { Notice, OutboundPost } from '../posts';
import type { ChatMessage, Ticket } from '../ticket';
import { ticketKey } from './shared';

/**
 * A person's message copied into a ticket's thread, after a line (the notice) saying whose it is.
 * An e-mail person's words are plain text: a mail carries no chat markup to read.
 */
export function relayPost(ticket: Ticket, message: ChatMessage, notice: Notice): OutboundPost {
  const words = { text: message.text, files: message.files, ...(isEmailPerson(message.authorId) ? { plain: true } : {}) };
  return {
    workspaceId: ticket.workspaceId,
    platform: ticket.platform,
    orderingKey: ticketKey(ticket),
    ticketNumber: ticket.number,
    body: { kind: 'relayed_message', ticketId: ticket.id, notice, message: words },
  };
}
