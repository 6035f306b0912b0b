import type { IncomingMessage, ServerResponse } from 'node:http';
import type { App, Receiver } from '@slack/bolt';
import { z } from 'zod';
import { BodyTooLargeError, readBody, sendJson, sendTooLarge, type Route } from '../http/server';
import { parseJsonWithoutNul, withoutNul } from '../http/without-nul';
import type { Logger } from '../logger';
import type { InboundAnswer, SlackInbound } from './inbound';
import { isSignedBySlack } from './signature';

export const SLACK_EVENTS_PATH = '/slack/events';

/** What any Slack request body must at least look like once decoded. */
const envelope = z.object({ type: z.string().optional(), command: z.string().optional() }).loose()
  .refine((b) => typeof b.type === 'string' || typeof b.command === 'string', 'not a Slack request');

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Events arrive as JSON, slash commands as a form, interactivity as a form with one `payload` field. */
function decode(raw: string, contentType: string): unknown {
  if (contentType.includes('application/json')) return parseJsonWithoutNul(raw);
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) return parseJsonWithoutNul(payload);
  return withoutNul(Object.fromEntries(form.entries()));
}

/** Writes what SlackInbound decided, once: the ack's body, or an error Slack retries. */
function write(res: ServerResponse, answer: InboundAnswer): void {
  if (res.headersSent) return;
  if (answer.kind === 'retry') return sendJson(res, 503, { error: 'not_stored_yet' });
  if (answer.kind === 'failed') return sendJson(res, 500, { error: 'internal' });
  const response = answer.response;
  if (response === undefined || response === '') res.writeHead(200).end();
  else if (typeof response === 'string') res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(response);
  else sendJson(res, 200, response);
}

/**
 * Slack over HTTP on our own server: one route, `POST /slack/events`, for events, commands,
 * interactivity and shortcuts. Every request's signature and timestamp are checked first (a bad
 * one gets 401 and reaches nothing); SlackInbound does the rest, as it does for Socket Mode.
 */
export class ChamadoReceiver implements Receiver {
  constructor(
    private readonly signingSecret: string,
    private readonly log: Logger,
    private readonly inbound: SlackInbound,
  ) {}

  init(app: App): void {
    this.inbound.init(app);
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
      this.log.info({ platform: 'slack' }, 'rejected a signed Slack request that is not a Slack payload');
      return sendJson(res, 400, { error: 'malformed_request' });
    }
    if (body.type === 'url_verification') return sendJson(res, 200, { challenge: String(body.challenge ?? '') });
    if (body.type === 'ssl_check') return sendJson(res, 200, {});

    const retryNum = Number(header(req, 'x-slack-retry-num'));
    const meta = { retryNum: Number.isInteger(retryNum) ? retryNum : undefined, retryReason: header(req, 'x-slack-retry-reason') };
    await this.inbound.handle(body, meta, (answer) => write(res, answer));
  }
}
