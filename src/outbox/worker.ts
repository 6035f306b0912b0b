import type { DataSource } from 'typeorm';
import type { PostBody } from '../core';
import type { AppContext, BackgroundTask } from '../context';
import { DeliveryError, type ChatDeliverer, type PendingPost } from './delivery';

export interface WorkerOptions {
  /** How often to look for due posts when idle. */
  pollMs?: number;
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim holds before another instance may take the row over. */
  leaseMs?: number;
}

interface ClaimedRow {
  id: string;
  workspace_id: string;
  platform: PendingPost['platform'];
  ordering_key: string;
  ticket_number: number | null;
  payload: PostBody;
  attempts: number;
}

/**
 * Claims the first pending post of each ordering key (so one thread's posts go out in order),
 * skipping rows another instance holds; the claim is a lease that expires if its holder dies.
 */
export async function claimDue(dataSource: DataSource, instanceId: string, now: Date, limit: number, leaseMs: number): Promise<PendingPost[]> {
  const result: ClaimedRow[] | [ClaimedRow[], number] = await dataSource.query(
    `UPDATE outbox o SET locked_by = $1, locked_until = $2::timestamptz + ($4 || ' milliseconds')::interval
     WHERE o.id IN (
       SELECT c.id FROM outbox c
       WHERE c.status = 'pending' AND c.available_at <= $2
         AND (c.locked_until IS NULL OR c.locked_until < $2)
         AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = c.ordering_key AND e.status = 'pending' AND e.id < c.id)
       ORDER BY c.id
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     RETURNING o.id, o.workspace_id, o.platform, o.ordering_key, o.ticket_number, o.payload, o.attempts`,
    [instanceId, now, limit, String(leaseMs)],
  );
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const rows = (Array.isArray(result[0]) ? result[0] : result) as ClaimedRow[];
  return rows.map(toPost);
}

function toPost(r: ClaimedRow): PendingPost {
  return { id: String(r.id), workspaceId: r.workspace_id, platform: r.platform, orderingKey: r.ordering_key, ticketNumber: r.ticket_number, body: r.payload, attempts: r.attempts };
}

/** Exponential backoff with full jitter, capped; a 429's Retry-After wins when larger. */
export function backoffMs(attempt: number, retryAfterMs: number | null): number {
  const exp = Math.min(60_000, 500 * 2 ** Math.max(0, attempt - 1));
  const jittered = exp / 2 + Math.random() * (exp / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

/** Delivers one claimed post and records the outcome; returns true when the row is finished. */
export async function deliverOne(context: AppContext, deliverers: Map<string, ChatDeliverer>, post: PendingPost, maxAttempts: number): Promise<void> {
  const { dataSource, log } = context;
  const attempt = post.attempts + 1;
  const deliverer = deliverers.get(post.platform);
  const logFields = { outboxId: post.id, ticket: post.ticketNumber, platform: post.platform, kind: post.body.kind, attempt };
  try {
    if (!deliverer) throw new DeliveryError(`${post.platform} is not configured`, false);
    const outcome = await deliverer.deliver(post);
    await dataSource.query(
      `UPDATE outbox SET status = $2, attempts = $3, sent_at = now(), result = $4, locked_by = NULL, locked_until = NULL, last_error = $5 WHERE id = $1`,
      [post.id, outcome.status, attempt, JSON.stringify(outcome.status === 'sent' ? outcome.result ?? {} : {}), outcome.status === 'skipped' ? outcome.reason : null],
    );
    log.debug(logFields, 'post delivered');
  } catch (error) {
    const retryable = error instanceof DeliveryError ? error.retryable : true;
    const message = error instanceof Error ? error.message : String(error);
    if (retryable && attempt < maxAttempts) {
      const delay = backoffMs(attempt, error instanceof DeliveryError ? error.retryAfterMs : null);
      await dataSource.query(
        `UPDATE outbox SET attempts = $2, available_at = $3, last_error = $4, locked_by = NULL, locked_until = NULL WHERE id = $1`,
        [post.id, attempt, new Date(context.deps.clock.now().getTime() + delay), message.slice(0, 2000)],
      );
      log.info({ ...logFields, retryInMs: Math.round(delay), err: message }, 'post failed, will retry');
    } else {
      await dataSource.query(`UPDATE outbox SET status = 'dead', attempts = $2, last_error = $3, locked_by = NULL, locked_until = NULL WHERE id = $1`, [post.id, attempt, message.slice(0, 2000)]);
      log.warn({ ...logFields, err: message }, 'post is dead: it will not be retried');
    }
  }
}

/** Delivers everything due now, in order per thread; returns how many posts it handled. */
export async function drainOutbox(context: AppContext, deliverers: ChatDeliverer[], options: WorkerOptions = {}): Promise<number> {
  const byPlatform = new Map(deliverers.map((d) => [d.platform, d]));
  const { batchSize = 20, maxAttempts = 8, leaseMs = 60_000 } = options;
  let handled = 0;
  for (;;) {
    const batch = await claimDue(context.dataSource, context.instanceId, context.deps.clock.now(), batchSize, leaseMs);
    if (batch.length === 0) return handled;
    await Promise.all(batch.map((post) => deliverOne(context, byPlatform, post, maxAttempts)));
    handled += batch.length;
  }
}

/** The delivery loop every instance runs. */
export function startDeliveryWorker(context: AppContext, deliverers: ChatDeliverer[], options: WorkerOptions = {}): BackgroundTask {
  const pollMs = options.pollMs ?? 250;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = drainOutbox(context, deliverers, options)
      .catch((error: unknown) => context.log.error({ err: error }, 'delivery worker pass failed'))
      .then(() => {
        if (!stopped) timer = setTimeout(tick, pollMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
