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

/** Reads a request body with a size limit; oversize bodies reject. */
export function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
