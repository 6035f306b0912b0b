import { recordThreadMessageIn, type ThreadMessageInput, type ThreadMessageOutcome } from './record-thread-message';
import type { UseCaseDeps } from './shared';

/**
 * A person's message arriving from a platform, in one transaction: it joins the conversation log
 * (so it can be split later) and, in a ticket thread, the ticket's history. Redelivery of the same
 * message (a Slack retry) changes nothing: both are keyed by the platform's message id. Few round
 * trips and one commit per message keep ingest close to the database's own pace.
 */
export async function ingestMessage(deps: UseCaseDeps, input: ThreadMessageInput): Promise<ThreadMessageOutcome> {
  return deps.store.transaction(async (repos) => {
    await repos.conversations.record(input.workspaceId, input.platform, input.message);
    return recordThreadMessageIn(repos, deps, input);
  });
}
