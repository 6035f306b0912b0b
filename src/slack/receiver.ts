import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { z } from 'zod';
import { BodyTooLargeError, readBody, sendJson, sendTooLarge, type Route } from '../http/server';
import type { Logger } from '../logger';
import { isSignedBySlack } from './signature';

export const SLACK_EVENTS_PATH = '/slack/events';

/** The latest an event is acknowledged, handled or not: well inside Slack's 3 s. */
export const EVENT_ACK_DEADLINE_MS = 2_500;

/** What any Slack request body must at least look like once decoded. */
const envelope = z.object({ type: z.string().optional(), command: z.string().optional() }).loose()
  .refine((b) => typeof b.type === 'string' || typeof b.command === 'string', 'not a Slack request');

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Events arrive as JSON, slash commands as a form, interactivity as a form with one `payload` field. */
function decode(raw: string, contentType: string): unknown {
  if (contentType.includes('application/json')) return JSON.parse(raw);
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return JSON.parse(payload);
  return Object.fromEntries(form.entries());
}

/** Handles one Events API event of a given type (`teamId` from the callback's envelope). */
export type DirectEventHandler = (teamId: string | undefined, event: unknown) => Promise<void>;

const eventType = z.object({ event: z.object({ type: z.string() }).loose() }).loose();

/**
 * Bolt on our own HTTP server: one route, `POST /slack/events`, for events, commands,
 * interactivity and shortcuts. Every request's signature and timestamp are checked first (a
 * bad one gets 401 and reaches nothing); the listener's `ack` writes the response.
 *
 * Event types in `directEvents` skip Bolt: `message` arrives for every message in every channel
 * the bot is in, and Bolt runs each event past every listener's middleware, which cost more CPU
 * than storing the message (BENCHMARKS.md).
 */
export class ChamadoReceiver implements Receiver {
  private app: App | null = null;

  constructor(
    private readonly signingSecret: string,
    private readonly log: Logger,
    private readonly directEvents: Partial<Record<string, DirectEventHandler>> = {},
  ) {}

  init(app: App): void {
    this.app = app;
  }

  start(): Promise<void> {
    return Promise.resolve();
  }

  stop(): Promise<void> {
    return Promise.resolve();
  }

  route(): Route {
    return { method: 'POST', path: SLACK_EVENTS_PATH, handle: (req, res) => this.handle(req, res) };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw: string;
    try {
      raw = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLargeError) return sendTooLarge(res);
      // The client went away mid-upload: there is nobody to answer.
      return void req.destroy();
    }
    if (!isSignedBySlack(this.signingSecret, header(req, 'x-slack-signature'), header(req, 'x-slack-request-timestamp'), raw)) {
      this.log.warn({ platform: 'slack' }, 'rejected a Slack request with a bad signature or timestamp');
      return sendJson(res, 401, { error: 'invalid_signature' });
    }

    let body: z.infer<typeof envelope>;
    try {
      body = envelope.parse(decode(raw, header(req, 'content-type') ?? ''));
    } catch {
      return sendJson(res, 400, { error: 'malformed_request' });
    }
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: String(body.challenge ?? '') });
    if (body.type === 'ssl_check') return sendJson(res, 200, {});

    const direct = body.type === 'event_callback' ? eventType.safeParse(body) : null;
    const handler = direct?.success ? this.directEvents[direct.data.event.type] : undefined;
    if (direct?.success && handler) {
      const teamId = typeof body.team_id === 'string' ? body.team_id : undefined;
      return this.acknowledgeWhenDone(res, () => handler(teamId, direct.data.event), true);
    }
    await this.acknowledgeWhenDone(res, () => this.dispatch(body, req, res), body.type === 'event_callback');
  }

  /**
   * Runs the handling, then acknowledges (200) if nothing has answered yet. Bolt acks an Events
   * API event before its listener runs; holding that ack until the listener is done means a
   * message is stored before Slack hears "received", so an acked event is never lost. An event's
   * ack waits no longer than EVENT_ACK_DEADLINE_MS, inside Slack's 3 seconds. A failure is a
   * 500, which Slack retries.
   */
  private async acknowledgeWhenDone(res: ServerResponse, handle: () => Promise<void>, isEvent: boolean): Promise<void> {
    const deadline = isEvent ? setTimeout(() => respond(res), EVENT_ACK_DEADLINE_MS) : undefined;
    try {
      await handle();
    } catch (error) {
      this.log.error({ platform: 'slack', err: error }, 'Slack request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal' });
      return;
    } finally {
      clearTimeout(deadline);
    }
    // A request no listener answered (an unknown action, say) is still acknowledged.
    respond(res);
  }

  /** Through Bolt: the listener's `ack` answers commands and interactivity; events wait for acknowledgeWhenDone. */
  private async dispatch(body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const holdAck = body.type === 'event_callback';
    const ack = async (response?: unknown): Promise<void> => {
      if (!holdAck) respond(res, response);
    };
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const event: ReceiverEvent = {
      body,
      ack,
      retryNum: Number.isFinite(retryNum) ? retryNum : undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
      customProperties: {},
    };
    if (!this.app) throw new Error('the Slack receiver was not initialised');
    await this.app.processEvent(event);
  }
}

/** The acknowledgement, once: an empty 200, plain text, or JSON (a modal's errors, say). */
function respond(res: ServerResponse, response?: unknown): void {
  if (res.headersSent) return;
  if (response === undefined || response === '') {
    res.writeHead(200).end();
  } else if (typeof response === 'string') {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
  } else {
    sendJson(res, 200, response);
  }
}
