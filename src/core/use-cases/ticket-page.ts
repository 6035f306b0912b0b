import type { StoredAuditEvent } from '../audit-events';
import type { Actor, StoredMessage, Ticket } from '../ticket';
import { visibleTicket, type UseCaseDeps } from './shared';

/** A history longer than this is cut to its latest messages, and the page says so. */
export const PAGE_HISTORY_LIMIT = 2000;

export interface TicketPage {
  ticket: Ticket;
  /** The whole history, oldest first. */
  messages: StoredMessage[];
  messageCount: number;
  /** The audit trail, oldest first. */
  events: StoredAuditEvent[];
  /** The closed ticket this one follows up, and the follow-ups opened from this one. */
  followUpOf: number | null;
  followUps: number[];
}

/** Everything the web shows about one ticket; one the actor may not see is "not found". */
export async function ticketPage(deps: UseCaseDeps, actor: Actor, number: number): Promise<TicketPage> {
  const ticket = await visibleTicket(deps.store, actor, number);
  const [messages, messageCount, events, numbers] = await Promise.all([
    deps.store.messages.history(ticket.id, PAGE_HISTORY_LIMIT),
    deps.store.messages.count(ticket.id),
    deps.store.events.list(ticket.id),
    ticket.followUpOf ? deps.store.tickets.numbersOf([ticket.followUpOf]) : Promise.resolve(new Map<string, number>()),
  ]);
  // A follow-up's opening is recorded on the closed ticket, so the link back needs no other query.
  const followUps = events.flatMap((e) => (e.type === 'follow_up_opened' ? [e.data.number] : []));
  return {
    ticket,
    messages,
    messageCount,
    events,
    followUpOf: ticket.followUpOf ? numbers.get(ticket.followUpOf) ?? null : null,
    followUps: [...new Set(followUps)],
  };
}
