import type { AppContext } from '../context';
import type { ClaimedPost } from '../core';
import { DeliveryError, type ChatDeliverer, type DeliveryOutcome } from './delivery';

export interface BackoffPolicy {
  /** The first retry waits about this long; each later one twice as long. */
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 500, maxMs: 60_000 };

/** Exponential backoff with jitter (half fixed, half random), capped; a 429's Retry-After wins when larger. */
export function backoffMs(attempt: number, retryAfterMs: number | null, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exp = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/**
 * Delivers one claimed post and records the outcome at once (the only duplicate possible is a
 * post the platform took whose answer was lost before this write). A retryable failure is
 * retried later with backoff; a post the platform refused, or out of attempts, is dead. Every
 * outcome is written only while this instance still holds the claim: if the lease ran out and
 * another instance took the row over, that instance's outcome is the one that counts.
 */
export async function deliverOne(
  context: AppContext,
  deliverers: Map<string, ChatDeliverer>,
  post: ClaimedPost,
  maxAttempts: number,
  backoff: BackoffPolicy = DEFAULT_BACKOFF,
): Promise<void> {
  const { log } = context;
  const attempt = post.attempts + 1;
  const deliverer = deliverers.get(post.platform);
  const fields = { outboxId: post.id, ticket: post.ticketNumber, platform: post.platform, kind: post.body.kind, attempt };
  const started = Date.now();
  let outcome: DeliveryOutcome;
  try {
    if (!deliverer) throw new DeliveryError(`${post.platform} is not configured`, false);
    outcome = await deliverer.deliver(post);
  } catch (error) {
    // Only a deliverer knows whether a failure is safe to repeat; anything else (a network error
    // thrown raw) did not reach a platform answer, so it is retried rather than lost.
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2000);
    if (retryable && attempt < maxAttempts) {
      const delay = backoffMs(attempt, error instanceof DeliveryError ? error.retryAfterMs : null, backoff);
      const availableAt = new Date(context.deps.clock.now().getTime() + delay);
      await context.outboxQueue.finish(post.id, attempt, { status: 'retry', availableAt, error: message });
      log.info({ ...fields, retryInMs: Math.round(delay), err: message }, 'post failed, will retry');
    } else {
      await context.outboxQueue.finish(post.id, attempt, { status: 'dead', error: message });
      log.warn({ ...fields, retryable, err: message }, 'post is dead: it will not be retried');
    }
    return;
  }
  const kept = await context.outboxQueue.finish(post.id, attempt, outcome.status === 'sent' ? { status: 'sent', result: outcome.result ?? {} } : outcome);
  if (!kept) log.warn({ ...fields, ms: Date.now() - started }, 'post delivered after its lease ran out; another instance may send it too');
  else log.debug({ ...fields, status: outcome.status, ms: Date.now() - started, latencyMs: Date.now() - post.createdAt.getTime() }, 'post delivered');
}
