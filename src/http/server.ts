import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';

export interface Route {
  method: 'GET' | 'POST';
  path: string;
  /** Routes with a path of their own shape (the web area's `/tickets/<n>`): matched instead of `path`. */
  matches?(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** The one HTTP server on PORT: Slack, Teams and the health check share it. */
export function createHttpServer(routes: Route[], log: Logger): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const candidates = routes.filter((r) => (r.matches ? r.matches(path) : r.path === path));
    if (candidates.length === 0) return sendJson(res, 404, { error: 'not_found' });
    const route = candidates.find((r) => r.method === req.method);
    if (!route) {
      res.setHeader('allow', candidates.map((r) => r.method).join(', '));
      return sendJson(res, 405, { error: 'method_not_allowed' });
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((error: unknown) => {
        log.error({ err: error, path }, 'request failed');
        sendJson(res, 500, { error: 'internal' });
      });
  });
}

export function healthRoute(check: () => Promise<boolean>): Route {
  return {
    method: 'GET',
    path: '/healthz',
    handle: async (_req, res) => {
      const ok = await check().catch(() => false);
      sendJson(res, ok ? 200 : 503, { status: ok ? 'ok' : 'unavailable' });
    },
  };
}

/** A body over the route's limit. */
export class BodyTooLargeError extends Error {
  constructor() {
    super('body too large');
  }
}

/** The longest a refused upload is read and dropped before the 413 goes out regardless. */
const DRAIN_IDLE_MS = 1000;
const DRAIN_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Reads a request body with a size limit. Over the limit it rejects with BodyTooLargeError, but
 * only once the rest of the upload has been read and dropped (or has stalled, or grown past
 * DRAIN_MAX_BYTES): a server that closes a socket holding unread data sends a reset, and the
 * client loses the 413 sitting in its buffer.
 */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return (await readRawBody(req, limit)).toString('utf8');
}

/** readBody's bytes as they came (a raw e-mail need not be UTF-8). */
export function readRawBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let refused = false;
    let idle: NodeJS.Timeout | undefined;
    const refuse = () => {
      clearTimeout(idle);
      req.removeAllListeners('data');
      req.pause();
      reject(new BodyTooLargeError());
    };
    const drain = () => {
      clearTimeout(idle);
      idle = setTimeout(refuse, DRAIN_IDLE_MS);
    };
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      refused = true;
      drain();
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (refused) {
        if (size > DRAIN_MAX_BYTES) refuse();
        else drain();
        return;
      }
      if (size > limit) {
        refused = true;
        chunks.length = 0;
        drain();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (refused) return refuse();
      resolve(Buffer.concat(chunks));
    });
    req.on('error', (error) => {
      clearTimeout(idle);
      reject(error);
    });
  });
}

/** The 413 for a body over the limit; the connection closes after it (the rest of the body was never read). */
export function sendTooLarge(res: ServerResponse): void {
  if (res.headersSent) return;
  res.writeHead(413, { 'content-type': 'application/json; charset=utf-8', connection: 'close' });
  res.end(JSON.stringify({ error: 'body_too_large' }));
}
