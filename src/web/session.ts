import type { IncomingMessage } from 'node:http';
import { resolveLocale, resumeWebSession, WEB_SESSION_HOURS } from '../core';
import { tFor } from '../i18n';
import { cookieOf } from './http';
import { validTimeZone } from './format';
import { nameBook } from './people';
import type { Viewer, WebContext } from './web-context';

export const SESSION_COOKIE = 'chamado_session';

/** HttpOnly, SameSite=Lax, Secure under https (contract §9). */
export function sessionCookie(web: WebContext, value: string): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Lax', `Max-Age=${WEB_SESSION_HOURS * 3600}`, ...(web.secureCookies ? ['Secure'] : [])].join('; ');
}

export function clearedCookie(web: WebContext): string {
  return [`${SESSION_COOKIE}=`, 'Path=/', 'HttpOnly', 'SameSite=Lax', 'Max-Age=0', ...(web.secureCookies ? ['Secure'] : [])].join('; ');
}

/** The signed-in person of a request, or null: their session, agent standing, language and time zone. */
export async function viewerOf(web: WebContext, req: IncomingMessage): Promise<Viewer | null> {
  const session = await resumeWebSession(web.deps, cookieOf(req, SESSION_COOKIE));
  if (!session) return null;
  const directory = web.directory(session.platform);
  const [isAgent, locale] = await Promise.all([
    directory.isAgent(session.workspaceId, session.userId),
    resolveLocale(web.deps, session.workspaceId, session.userId, null),
  ]);
  const t = tFor(locale);
  const actor = { workspaceId: session.workspaceId, platform: session.platform, userId: session.userId, isAgent, locale };
  const names = await nameBook(web, actor, t, [session.userId]);
  return {
    session,
    actor,
    locale,
    t,
    timeZone: validTimeZone(session.timeZone) ?? validTimeZone(web.config.DEFAULT_TIMEZONE) ?? 'UTC',
    name: names(session.userId),
  };
}
