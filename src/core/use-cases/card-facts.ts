import type { Locale, Ticket } from '../ticket';
import { localeOf, type UseCaseDeps } from './shared';

export interface CardFacts {
  /** The requester's language: the card and the ticket thread speak it. */
  locale: Locale;
  /** The closed ticket a follow-up continues, by number. */
  followUpOfNumber: number | null;
}

/** What a ticket's card says beyond the ticket itself. */
export async function cardFacts(deps: UseCaseDeps, ticket: Ticket): Promise<CardFacts> {
  const [locale, numbers] = await Promise.all([
    localeOf(deps.store, deps, ticket.workspaceId, ticket.requesterId),
    ticket.followUpOf ? deps.store.tickets.numbersOf([ticket.followUpOf]) : Promise.resolve(new Map<string, number>()),
  ]);
  return { locale, followUpOfNumber: ticket.followUpOf ? numbers.get(ticket.followUpOf) ?? null : null };
}
