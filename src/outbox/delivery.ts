import type { DeliveryChannel, OutboundPost } from '../core';

/** An outbox row handed to a platform for sending. */
export interface PendingPost extends OutboundPost {
  id: string;
  attempts: number;
}

export type DeliveryOutcome =
  /** Sent; `result` is kept on the row (e.g. the posted message's ts). */
  | { status: 'sent'; result?: Record<string, unknown> }
  /** Nothing to send (e.g. no triage channel configured): the row is closed without a post. */
  | { status: 'skipped'; reason: string };

/**
 * Thrown by a deliverer when the platform did not take the post. `retryable` is true only
 * when the post certainly was not accepted or may be safely repeated (5xx, timeouts, 429):
 * a post the platform answered with an error is never sent twice.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** Each platform adapter (and the e-mail adapter) implements this; the worker picks one by the row's platform. */
export interface ChatDeliverer {
  readonly platform: DeliveryChannel;
  deliver(post: PendingPost): Promise<DeliveryOutcome>;
}
