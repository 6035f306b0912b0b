import type { IncomingMessage, ServerResponse } from 'node:http';
import { endWebSession } from '../../core';
import { cookieOf, readForm, sameSecret } from '../http';
import { clearedCookie, SESSION_COOKIE, viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { sendForbidden, sendSignIn } from './common';

/** POST /logout: the session ends everywhere; the page says how to sign in again. */
export async function logout(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const form = await readForm(req);
  if (!sameSecret(form.get('_csrf'), viewer.session.csrfToken)) return sendForbidden(viewer, res);
  await endWebSession(web.deps, cookieOf(req, SESSION_COOKIE));
  sendSignIn(web, req, res, 'signed_out', { 'set-cookie': clearedCookie(web) });
}
