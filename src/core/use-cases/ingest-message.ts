import { recordThreadMessageIn, type ThreadMessageInput, type ThreadMessageOutcome } from './record-thread-message';
import type { UseCaseDeps } from './shared';

/**
 * A person's message from a platform with no history API of its own (Teams), in one transaction:
 * it joins the conversation log (so it can be split later) and, in a ticket thread, the ticket's
 * history. A redelivery of the same message changes nothing: both are keyed by its message id.
 */
export async function ingestMessage(deps: UseCaseDeps, input: ThreadMessageInput): Promise<ThreadMessageOutcome> {
  return deps.store.transaction(async (repos) => {
    await repos.conversations.record(input.workspaceId, input.platform, input.message);
    return recordThreadMessageIn(repos, deps, input);
  });
}
