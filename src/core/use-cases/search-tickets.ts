import type { Actor, Status, Ticket } from '../ticket';
import type { UseCaseDeps } from './shared';

export const SEARCH_LIMIT = 10;

/**
 * `search <words>`: tickets whose title or any message matches every word (accents and case
 * ignored, English and Portuguese word forms), best match first, ties newest first. Agents search
 * their whole workspace; anyone else only the tickets they may see (requester, assignee or CC).
 */
export function searchTickets(deps: UseCaseDeps, actor: Actor, words: string, limit = SEARCH_LIMIT, statuses?: readonly Status[]): Promise<Ticket[]> {
  return deps.store.queries.search({
    workspaceId: actor.workspaceId,
    words,
    participantId: actor.isAgent ? null : actor.userId,
    statuses,
    limit,
  });
}
