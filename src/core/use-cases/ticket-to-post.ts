import type { Ticket } from '../ticket';
import type { UseCaseDeps } from './shared';

/** The ticket an outbox post is about, as it is now (a delivery renders its current state); null when it is gone. */
export function ticketToPost(deps: UseCaseDeps, ticketId: string): Promise<Ticket | null> {
  return deps.store.tickets.byId(ticketId);
}
