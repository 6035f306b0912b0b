import type { IncomingMessage, ServerResponse } from 'node:http';
import { openWebSession } from '../../core';
import { redirect } from '../http';
import { sessionCookie } from '../session';
import type { WebContext } from '../web-context';
import { sendSignIn } from './common';

/** GET /login/<token>: a fresh link starts a session; a used, expired or unknown one gets 401. */
export async function login(web: WebContext, req: IncomingMessage, res: ServerResponse, token: string): Promise<void> {
  const opened = await openWebSession(web.deps, token);
  if (!opened) {
    web.log.info({ web: 'login' }, 'a sign-in link was refused (used, expired or unknown)');
    return sendSignIn(web, req, res, 'invalid');
  }
  web.log.info({ web: 'login', platform: opened.session.platform, ticket: opened.ticketNumber }, 'web session started');
  redirect(res, opened.ticketNumber ? `/tickets/${opened.ticketNumber}` : '/tickets', { 'set-cookie': sessionCookie(web, opened.cookie) });
}
