import type { UseCaseDeps } from './shared';

/** Rows one purge statement deletes at most: short transactions, and a backlog goes over a few ticks. */
export const PURGE_BATCH = 5_000;

/**
 * Housekeeping for the web area: expired sessions and spent or expired sign-in links are deleted,
 * so the tables hold only what can still be used (run by the scheduler on every tick).
 */
export async function purgeWebSignIns(deps: UseCaseDeps, now: Date, batch = PURGE_BATCH): Promise<{ sessions: number; tokens: number }> {
  let sessions = 0;
  let tokens = 0;
  for (;;) {
    const done = await deps.store.web.purge(now, batch);
    sessions += done.sessions;
    tokens += done.tokens;
    if (done.sessions < batch && done.tokens < batch) return { sessions, tokens };
  }
}
