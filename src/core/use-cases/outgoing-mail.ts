import type { UseCaseDeps } from './shared';

/** How many of a ticket's latest Message-IDs a mail's References carry (after the first one). */
export const REFERENCES_KEPT = 10;

/**
 * Before a mail about a ticket goes out: its Message-ID is noted (so a reply that names it finds
 * the ticket, even without the tag) and the ticket's earlier ids are answered, oldest first, for
 * `In-Reply-To` (the last) and `References` (all). Noting the same id again (a retried delivery)
 * is harmless; the id itself is left out of its own chain.
 */
export function noteOutgoingMail(deps: UseCaseDeps, ticketId: string, messageId: string): Promise<string[]> {
  return deps.store.transaction(async (repos) => {
    const chain = await repos.mailRecords.chainOf(ticketId, REFERENCES_KEPT + 1);
    await repos.mailRecords.note(messageId, 'out', ticketId);
    return chain.filter((id) => id !== messageId).slice(-(REFERENCES_KEPT + 1));
  });
}
