import type { AppContext, BackgroundTask } from '../context';
import type { ClaimedPost, OutboxWatch } from '../core';
import { DEFAULT_BACKOFF, deliverOne, type BackoffPolicy } from './deliver-one';
import type { ChatDeliverer } from './delivery';

export { backoffMs, deliverOne, DEFAULT_BACKOFF, type BackoffPolicy } from './deliver-one';

export interface WorkerOptions {
  /** How often to look for due posts when nothing woke the worker (retries, expired leases). */
  pollMs?: number;
  /** Posts in flight at once (each from a different thread). */
  batchSize?: number;
  maxAttempts?: number;
  /** How long a claim holds before another instance may take the row over; keep it above the deliverers' HTTP timeout. */
  leaseMs?: number;
  backoff?: BackoffPolicy;
  /** Wake up on LISTEN/NOTIFY when a post is enqueued (default on). */
  listen?: boolean;
}

const defaults = (o: WorkerOptions) => ({
  pollMs: o.pollMs ?? 250,
  batchSize: o.batchSize ?? 20,
  // With 0.5 s doubling to a 60 s cap, 15 attempts ride out an outage of roughly 5 to 9 minutes.
  maxAttempts: o.maxAttempts ?? 15,
  leaseMs: o.leaseMs ?? 60_000,
  backoff: o.backoff ?? DEFAULT_BACKOFF,
});

/** Delivers everything due now, batch by batch, in order per thread; returns how many posts it handled. */
export async function drainOutbox(context: AppContext, deliverers: ChatDeliverer[], options: WorkerOptions = {}): Promise<number> {
  const byPlatform = new Map(deliverers.map((d) => [d.platform, d]));
  const { batchSize, maxAttempts, leaseMs, backoff } = defaults(options);
  let handled = 0;
  for (;;) {
    const batch = await context.outboxQueue.claimDue(context.deps.clock.now(), batchSize, leaseMs);
    if (batch.length === 0) return handled;
    await Promise.all(batch.map((post) => deliverOne(context, byPlatform, post, maxAttempts, backoff)));
    handled += batch.length;
  }
}

/**
 * A committed post wakes the worker at once instead of at the next poll. Polling stays on as the
 * fallback (retries, leases, a lost connection), so a failure here only costs latency: it is
 * logged and the worker goes on.
 */
async function watchForPosts(context: AppContext, wake: () => void): Promise<OutboxWatch | null> {
  const lost = (error: Error) => context.log.warn({ err: error.message }, 'outbox LISTEN connection failed; polling only');
  try {
    return await context.outboxQueue.watch(wake, lost);
  } catch (error) {
    context.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox LISTEN unavailable; polling only');
    return null;
  }
}

/**
 * The delivery loop every instance runs. Up to `batchSize` posts are in flight; whenever one
 * finishes, a post is enqueued (NOTIFY) or the poll timer fires, free slots are refilled, so a
 * hung request holds one slot, not the whole batch.
 */
export function startDeliveryWorker(context: AppContext, deliverers: ChatDeliverer[], options: WorkerOptions = {}): BackgroundTask {
  const { pollMs, batchSize, maxAttempts, leaseMs, backoff } = defaults(options);
  const byPlatform = new Map(deliverers.map((d) => [d.platform, d]));
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let pumping: Promise<void> | null = null;
  let again = false;

  const start = (post: ClaimedPost) => {
    const job = deliverOne(context, byPlatform, post, maxAttempts, backoff)
      .catch((error: unknown) => context.log.error({ err: error, outboxId: post.id, ticket: post.ticketNumber }, 'recording a delivery failed; the lease will hand the post over'))
      .finally(() => {
        inFlight.delete(job);
        wake();
      });
    inFlight.add(job);
  };

  const pump = async () => {
    do {
      again = false;
      const free = batchSize - inFlight.size;
      if (stopped || free <= 0) return;
      const started = Date.now();
      const claimed = await context.outboxQueue.claimDue(context.deps.clock.now(), free, leaseMs);
      if (claimed.length > 0) {
        context.log.debug({ claimed: claimed.length, inFlight: inFlight.size, ms: Date.now() - started }, 'outbox posts claimed');
        claimed.forEach(start);
        // A full claim may have left more due posts behind.
        again ||= claimed.length === free;
      }
    } while (again && !stopped);
  };

  function wake(): void {
    if (stopped) return;
    if (pumping) {
      again = true;
      return;
    }
    pumping = pump()
      .catch((error: unknown) => context.log.error({ err: error }, 'delivery worker pass failed'))
      .finally(() => {
        pumping = null;
        // A wake that arrived after the pass's last check must not wait for the poll.
        if (again) wake();
      });
  }

  const timer = setInterval(wake, pollMs);
  const listening = options.listen === false ? Promise.resolve(null) : watchForPosts(context, wake);
  wake();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await (await listening)?.close();
      await pumping;
      await Promise.all([...inFlight]);
    },
  };
}
