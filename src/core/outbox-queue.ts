import type { OutboundPost } from './posts';

/** An outbox row an instance has claimed: the post, the attempts made so far, when it was enqueued. */
export interface ClaimedPost extends OutboundPost {
  id: string;
  attempts: number;
  createdAt: Date;
}

/** What became of one attempt, as the row keeps it. */
export type AttemptOutcome =
  /** Sent; `result` is kept on the row (e.g. the posted message's ts). */
  | { status: 'sent'; result: Record<string, unknown> }
  /** Nothing to send (e.g. no triage channel configured): closed without a post. */
  | { status: 'skipped'; reason: string }
  /** Failed in a way that may be repeated: tried again from `availableAt`. */
  | { status: 'retry'; availableAt: Date; error: string }
  /** Refused, or out of attempts: never tried again. */
  | { status: 'dead'; error: string };

/** A wake-up subscription; closing it gives its connection back. */
export interface OutboxWatch {
  close(): Promise<void>;
}

/**
 * The outbox as the delivery worker works it, for one instance. A claim is a lease: when its
 * holder dies, the lease runs out and any instance takes the row over.
 */
export interface OutboxQueue {
  /**
   * Claims up to `limit` due posts, the first pending one of each ordering key (one thread's
   * posts go out in order), skipping rows another instance holds; each held for `leaseMs`.
   */
  claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedPost[]>;
  /** Writes an attempt's outcome only while this instance still holds the claim; false when it no longer does. */
  finish(postId: string, attempt: number, outcome: AttemptOutcome): Promise<boolean>;
  /**
   * Calls `onPost` whenever a post is committed, so the worker need not wait for its next poll.
   * Rejects when that cannot be set up; `onLost` hears of a connection lost later.
   */
  watch(onPost: () => void, onLost: (error: Error) => void): Promise<OutboxWatch>;
}
