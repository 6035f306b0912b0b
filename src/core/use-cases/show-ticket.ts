import type { Actor, StoredMessage, Ticket } from '../ticket';
import { visibleTicket, type UseCaseDeps } from './shared';

/** How many of the latest messages `show` quotes; it says how many earlier ones there are. */
export const HISTORY_PREVIEW = 10;

export interface TicketDetail {
  ticket: Ticket;
  messageCount: number;
  /** The latest messages, oldest first. */
  recent: StoredMessage[];
  followUpOfNumber: number | null;
  /** Milliseconds from opening to the first agent response / to closing, when known. */
  firstResponseMs: number | null;
  resolutionMs: number | null;
}

export async function showTicket(deps: UseCaseDeps, actor: Actor, number: number): Promise<TicketDetail> {
  const ticket = await visibleTicket(deps.store, actor, number);
  const [messageCount, recent, numbers] = await Promise.all([
    deps.store.messages.count(ticket.id),
    deps.store.messages.history(ticket.id, HISTORY_PREVIEW),
    ticket.followUpOf ? deps.store.tickets.numbersOf([ticket.followUpOf]) : Promise.resolve(new Map<string, number>()),
  ]);
  const since = (at: Date | null) => (at ? at.getTime() - ticket.createdAt.getTime() : null);
  return {
    ticket,
    messageCount,
    recent,
    followUpOfNumber: ticket.followUpOf ? numbers.get(ticket.followUpOf) ?? null : null,
    firstResponseMs: since(ticket.firstResponseAt),
    resolutionMs: ticket.status === 'closed' ? since(ticket.closedAt) : null,
  };
}
