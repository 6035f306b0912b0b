import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Route } from '../http/server';
import { redirect } from './http';
import { act, type WebAction } from './routes/actions/act';
import { assignAction } from './routes/actions/assign';
import { ccAction, unccAction } from './routes/actions/cc';
import { claimAction } from './routes/actions/claim';
import { closeAction } from './routes/actions/close';
import { priorityAction } from './routes/actions/priority';
import { reopenAction } from './routes/actions/reopen';
import { replyAction } from './routes/actions/reply';
import { statusAction } from './routes/actions/status';
import { serveAsset } from './routes/assets';
import { sendInternalError, sendNotFound, sendSignIn } from './routes/common';
import { fileRoute } from './routes/files';
import { changeLanguage } from './routes/language';
import { login } from './routes/login';
import { loginByEmail } from './routes/login-email';
import { logout } from './routes/logout';
import { ticketRoute } from './routes/ticket';
import { ticketsPage } from './routes/tickets';
import { queueRoute } from './routes/queue';
import { viewerOf } from './session';
import type { WebContext } from './web-context';

export type { WebContext } from './web-context';

const ACTIONS: Record<string, WebAction> = {
  reply: replyAction,
  close: closeAction,
  reopen: reopenAction,
  status: statusAction,
  claim: claimAction,
  assign: assignAction,
  priority: priorityAction,
  cc: ccAction,
  uncc: unccAction,
};

type Handler = (web: WebContext, req: IncomingMessage, res: ServerResponse, match: RegExpExecArray) => Promise<void> | void;

interface WebRoute {
  method: 'GET' | 'POST';
  pattern: RegExp;
  handle: Handler;
}

/** Anything else under the web area's paths: 404 for the signed in, 401 for everyone else. */
const notFound: Handler = async (web, req, res) => {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  sendNotFound(viewer, res, null);
};

/** The web ticket area (contract §9), one page or action a file under routes/. */
const WEB_ROUTES: WebRoute[] = [
  { method: 'GET', pattern: /^\/$/, handle: (_web, _req, res) => redirect(res, '/tickets') },
  { method: 'GET', pattern: /^\/assets\/([a-z0-9.-]+)$/, handle: (web, req, res, m) => (serveAsset(res, m[1]) ? undefined : notFound(web, req, res, m)) },
  { method: 'POST', pattern: /^\/login\/email$/, handle: (web, req, res) => loginByEmail(web, req, res) },
  { method: 'GET', pattern: /^\/login\/([^/]{1,200})$/, handle: (web, req, res, m) => login(web, req, res, m[1]) },
  { method: 'POST', pattern: /^\/logout$/, handle: (web, req, res) => logout(web, req, res) },
  { method: 'POST', pattern: /^\/lang$/, handle: (web, req, res) => changeLanguage(web, req, res) },
  { method: 'GET', pattern: /^\/tickets$/, handle: (web, req, res) => ticketsPage(web, req, res) },
  { method: 'GET', pattern: /^\/queue$/, handle: (web, req, res) => queueRoute(web, req, res) },
  { method: 'GET', pattern: /^\/tickets\/([1-9]\d{0,8})$/, handle: (web, req, res, m) => ticketRoute(web, req, res, Number(m[1])) },
  {
    method: 'POST',
    pattern: new RegExp(`^/tickets/([1-9]\\d{0,8})/(${Object.keys(ACTIONS).join('|')})$`),
    handle: (web, req, res, m) => act(web, req, res, Number(m[1]), m[2], ACTIONS[m[2]]),
  },
  { method: 'GET', pattern: /^\/files\/([0-9a-f-]{36})$/, handle: (web, req, res, m) => fileRoute(web, req, res, m[1]) },
  { method: 'GET', pattern: /^\/(login|tickets|queue|files)(\/.*)?$/, handle: notFound },
];

/** The web area's routes on the one HTTP server; any failure is one calm 500 page. */
export function webRoutes(web: WebContext): Route[] {
  return WEB_ROUTES.map((route) => ({
    method: route.method,
    path: route.pattern.source,
    matches: (path: string) => route.pattern.test(path),
    handle: async (req: IncomingMessage, res: ServerResponse) => {
      const path = (req.url ?? '/').split('?')[0];
      const match = route.pattern.exec(path)!;
      try {
        await route.handle(web, req, res, match);
      } catch (error) {
        web.log.error({ err: error, path: path.startsWith('/login/') ? '/login/…' : path }, 'web request failed');
        if (!res.headersSent) sendInternalError(web, req, res);
        else res.end();
      }
    },
  }));
}
