import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CloudAdapter, TurnContext } from 'botbuilder';
import { BodyTooLargeError, readBody, sendJson, sendTooLarge, type Route } from '../http/server';
import { parseJsonWithoutNul } from '../http/without-nul';
import type { Logger } from '../logger';
import { inboundActivity } from './activity-schema';

const BODY_LIMIT = 512_000;

/** What CloudAdapter.process expects of a response; we hold it and write it once it is done. */
class HeldResponse {
  readonly socket = null;
  statusCode = 200;
  body: unknown = undefined;
  readonly headers: Record<string, string> = {};
  status(code: number) {
    this.statusCode = code;
    return this;
  }
  header(name: string, value: unknown) {
    this.headers[name.toLowerCase()] = String(value);
    return this;
  }
  send(body?: unknown) {
    this.body = body;
    return this;
  }
  end() {
    return this;
  }
}

function write(res: ServerResponse, held: HeldResponse, status: number): void {
  if (held.body === undefined || held.body === null || status === 401) {
    res.writeHead(status).end();
    return;
  }
  if (typeof held.body === 'string') {
    res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' }).end(held.body);
    return;
  }
  sendJson(res, status, held.body);
}

/**
 * POST /api/messages. Our server is plain node:http, so the body is read and checked here and
 * CloudAdapter gets a request/response it accepts. With credentials set, any failure before
 * the turn runs is a failed authentication: stock botbuilder answers some of those with 500.
 */
export function messagesRoute(adapter: CloudAdapter, run: (context: TurnContext) => Promise<void>, authenticated: boolean, log: Logger): Route {
  return {
    method: 'POST',
    path: '/api/messages',
    handle: async (req: IncomingMessage, res: ServerResponse) => {
      let raw: string;
      try {
        raw = await readBody(req, BODY_LIMIT);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendTooLarge(res);
        // The client went away mid-upload: there is nobody to answer.
        return void req.destroy();
      }
      let json: unknown;
      try {
        json = parseJsonWithoutNul(raw);
      } catch {
        return sendJson(res, 400, { error: 'invalid_json' });
      }
      const parsed = inboundActivity.safeParse(json);
      if (!parsed.success) {
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join('.') || '(body)'))];
        log.info({ platform: 'teams', fields }, 'rejected a malformed activity');
        return sendJson(res, 400, { error: 'invalid_activity', fields });
      }
      let turnStarted = false;
      const held = new HeldResponse();
      await adapter.process({ body: parsed.data, headers: req.headers, method: 'POST' }, held, async (context) => {
        turnStarted = true;
        await run(context);
      });
      const status = authenticated && !turnStarted && held.statusCode >= 500 ? 401 : held.statusCode;
      if (status === 401) log.warn({ platform: 'teams', activityType: parsed.data.type }, 'rejected an activity that failed authentication');
      write(res, held, status);
    },
  };
}
