import type { IncomingMessage, ServerResponse } from 'node:http';
import { isValidSlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt';
import { z } from 'zod';
import { readBody, sendJson, type Route } from '../http/server';
import type { Logger } from '../logger';

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

/**
 * Bolt on our own HTTP server: one route, `POST /slack/events`, for events, commands,
 * interactivity and shortcuts. Every request's signature and timestamp are checked first (a
 * bad one gets 401 and reaches nothing); the listener's `ack` writes the response.
 */
export class ChamadoReceiver implements Receiver {
  private app: App | null = null;

  constructor(
    private readonly signingSecret: string,
    private readonly log: Logger,
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
    } catch {
      return sendJson(res, 413, { error: 'body_too_large' });
    }
    const signature = header(req, 'x-slack-signature');
    const timestamp = Number(header(req, 'x-slack-request-timestamp'));
    const valid = signature !== undefined && Number.isFinite(timestamp) && isValidSlackRequest({
      signingSecret: this.signingSecret,
      body: raw,
      headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    });
    if (!valid) {
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

    await this.dispatch(body, req, res);
  }

  private async dispatch(body: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    let acked = false;
    const respond = (response?: unknown): void => {
      if (acked) return;
      acked = true;
      if (response === undefined || response === '') {
        res.writeHead(200).end();
      } else if (typeof response === 'string') {
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
      } else {
        sendJson(res, 200, response);
      }
    };
    // Bolt acks an Events API event before its listener runs. We hold that ack until the
    // listener is done (a message is stored before Slack hears "received", so an acked event is
    // never lost), but never past EVENT_ACK_DEADLINE_MS, inside Slack's 3 seconds.
    const holdAck = body.type === 'event_callback';
    const deadline = holdAck ? setTimeout(() => respond(), EVENT_ACK_DEADLINE_MS) : null;
    const ack = async (response?: unknown): Promise<void> => {
      if (!holdAck) respond(response);
    };
    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const event: ReceiverEvent = {
      body,
      ack,
      retryNum: Number.isFinite(retryNum) ? retryNum : undefined,
      retryReason: header(req, 'x-slack-retry-reason'),
      customProperties: {},
    };
    try {
      if (!this.app) throw new Error('the Slack receiver was not initialised');
      await this.app.processEvent(event);
    } catch (error) {
      this.log.error({ platform: 'slack', err: error }, 'Slack request failed');
      if (!acked) {
        acked = true;
        sendJson(res, 500, { error: 'internal' });
      }
      return;
    } finally {
      if (deadline) clearTimeout(deadline);
    }
    // A request no listener answered (an unknown action, say) is still acknowledged.
    respond();
  }
}
