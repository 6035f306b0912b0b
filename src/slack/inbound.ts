import type { App, ReceiverEvent } from '@slack/bolt';
import type { Logger } from '../logger';
import { checkSlackPayload } from './payloads';

/**
 * The latest an event may be acknowledged: well inside Slack's 3 s. An event not stored by then
 * is not acknowledged at all, so Slack sends it again.
 */
export const EVENT_ACK_DEADLINE_MS = 2_500;

/** Handles one Events API event of a given type (`teamId` from the callback's envelope). */
export type DirectEventHandler = (teamId: string | undefined, event: unknown) => Promise<void>;

/** What a transport is told to say to Slack, once per request. */
export type InboundAnswer =
  | { kind: 'ack'; response?: unknown }
  /** An event not stored yet at the deadline: Slack must send it again. */
  | { kind: 'retry' }
  /** Handling failed before anything was acknowledged (an event: Slack sends it again). */
  | { kind: 'failed' };

export interface InboundMeta {
  retryNum?: number;
  retryReason?: string;
}

/**
 * Every Slack request after its transport (HTTP or Socket Mode) has read and authenticated it:
 * checked against the payload schemas, then handled, then acknowledged. One path whatever the
 * transport:
 * - `message` events go straight to their handler, never through Bolt: one arrives for every
 *   message in every channel the bot is in, and Bolt runs each past every listener's middleware
 *   (more CPU than storing the message);
 * - every other kind goes through Bolt; commands and interactivity are acknowledged by their
 *   listener's `ack`, events only once their listener is done.
 * An event is acknowledged only after what it changed is committed, and never after
 * EVENT_ACK_DEADLINE_MS: a slower one is answered "retry" and Slack resends it (replies are
 * de-duplicated by their ts, other events by their event_id claim), so an acknowledged event is
 * never lost.
 */
export class SlackInbound {
  private app: App | null = null;

  constructor(
    private readonly log: Logger,
    private readonly onMessage: DirectEventHandler,
    /** The answer to a slash command that does not fit its schema: a line saying so, in the default language. */
    private readonly malformedCommandReply: () => unknown = () => undefined,
  ) {}

  init(app: App): void {
    this.app = app;
  }

  async handle(body: Record<string, unknown>, meta: InboundMeta, answer: (a: InboundAnswer) => void): Promise<void> {
    let answered = false;
    const once = (a: InboundAnswer) => {
      if (answered) return;
      answered = true;
      answer(a);
    };
    const check = checkSlackPayload(body);
    if (!check.ok) {
      if (check.fields.length > 0) this.log.info({ platform: 'slack', kind: check.kind, fields: check.fields }, 'ignored a malformed Slack payload');
      else this.log.debug({ platform: 'slack', kind: check.kind }, 'ignored a Slack payload no listener handles');
      return once({ kind: 'ack', response: check.kind === 'command' ? this.malformedCommandReply() : undefined });
    }
    const isEvent = check.event !== undefined;
    const deadline = isEvent ? setTimeout(() => once({ kind: 'retry' }), EVENT_ACK_DEADLINE_MS) : undefined;
    try {
      if (check.event?.type === 'message') await this.onMessage(check.teamId, check.event);
      else await this.throughBolt(body, meta, isEvent ? () => undefined : (response) => once({ kind: 'ack', response }));
    } catch (error) {
      this.log.error({ platform: 'slack', kind: check.kind, err: error }, 'Slack request failed');
      return once({ kind: 'failed' });
    } finally {
      clearTimeout(deadline);
    }
    // Stored in time, or a request no listener answered (an unknown action, say): acknowledged.
    once({ kind: 'ack' });
  }

  private async throughBolt(body: Record<string, unknown>, meta: InboundMeta, ack: (response?: unknown) => void): Promise<void> {
    if (!this.app) throw new Error('the Slack receiver was not initialised');
    const event: ReceiverEvent = {
      body,
      // Bolt acknowledges an event before its listener runs; that ack is held (see above).
      ack: async (response?: unknown) => ack(response),
      retryNum: meta.retryNum,
      retryReason: meta.retryReason,
      customProperties: {},
    };
    await this.app.processEvent(event);
  }
}
