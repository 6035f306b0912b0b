import { recordThreadMessageIn, type ThreadMessageInput, type ThreadMessageOutcome } from './record-thread-message';
import type { UseCaseDeps } from './shared';

export interface IngestInput extends ThreadMessageInput {
  /** The platform's id of this delivery (Slack's event_id): a redelivery of it changes nothing. */
  deliveryId: string | null;
}

export type IngestOutcome = ThreadMessageOutcome | { kind: 'already_delivered' };

/**
 * A person's message arriving from a platform, in one transaction: the delivery is marked
 * handled, the message joins the conversation log (so it can be split later) and, in a ticket
 * thread, the ticket's history. One commit per message keeps ingest close to the database's pace.
 */
export async function ingestMessage(deps: UseCaseDeps, input: IngestInput): Promise<IngestOutcome> {
  return deps.store.transaction(async (repos): Promise<IngestOutcome> => {
    if (input.deliveryId && !(await repos.deliveries.claim(input.deliveryId))) return { kind: 'already_delivered' };
    await repos.conversations.record(input.workspaceId, input.platform, input.message);
    return recordThreadMessageIn(repos, deps, input);
  });
}
