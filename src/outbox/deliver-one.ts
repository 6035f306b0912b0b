import type { AppContext } from '../context';
import type { ClaimedPost } from './claim';
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

/** TypeORM answers an UPDATE with [rows, affected]. */
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * Every outcome is written only while this instance still holds the claim: if the lease ran out
 * and another instance took the row over, that instance's outcome is the one that counts.
 */
async function finish(context: AppContext, post: ClaimedPost, sql: string, params: unknown[]): Promise<boolean> {
  const result: unknown = await context.dataSource.query(`${sql} WHERE id = $1 AND locked_by = $2`, [post.id, context.instanceId, ...params]);
  return affected(result) === 1;
}

async function recordOutcome(context: AppContext, post: ClaimedPost, attempt: number, outcome: DeliveryOutcome): Promise<boolean> {
  return finish(
    context,
    post,
    `UPDATE outbox SET status = $3, attempts = $4, sent_at = now(), result = $5, last_error = $6, locked_by = NULL, locked_until = NULL`,
    [outcome.status, attempt, JSON.stringify(outcome.status === 'sent' ? outcome.result ?? {} : {}), outcome.status === 'skipped' ? outcome.reason : null],
  );
}

/**
 * Delivers one claimed post and records the outcome at once (the only duplicate possible is a
 * post the platform took whose answer was lost before this write). A retryable failure is
 * retried later with backoff; a post the platform refused, or out of attempts, is dead.
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
      await finish(context, post, `UPDATE outbox SET attempts = $3, available_at = $4, last_error = $5, locked_by = NULL, locked_until = NULL`, [attempt, availableAt, message]);
      log.info({ ...fields, retryInMs: Math.round(delay), err: message }, 'post failed, will retry');
    } else {
      await finish(context, post, `UPDATE outbox SET status = 'dead', attempts = $3, last_error = $4, locked_by = NULL, locked_until = NULL`, [attempt, message]);
      log.warn({ ...fields, retryable, err: message }, 'post is dead: it will not be retried');
    }
    return;
  }
  const kept = await recordOutcome(context, post, attempt, outcome);
  if (!kept) log.warn({ ...fields, ms: Date.now() - started }, 'post delivered after its lease ran out; another instance may send it too');
  else log.debug({ ...fields, status: outcome.status, ms: Date.now() - started, latencyMs: Date.now() - post.createdAt.getTime() }, 'post delivered');
}
