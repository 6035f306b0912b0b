import type { WebSession } from '../web-ports';
import type { UseCaseDeps } from './shared';
import { looksLikeSecret } from './web-secrets';

/** How long a web session lasts after its link was opened. */
export const WEB_SESSION_HOURS = 12;

export interface OpenedWebSession {
  /** The cookie's value: only its hash is stored. */
  cookie: string;
  session: WebSession;
  /** The ticket the link was made for, if any. */
  ticketNumber: number | null;
}

/** Opening a login link: the token is spent (once, atomically) and a session starts for its person. */
export async function openWebSession(deps: UseCaseDeps, token: string): Promise<OpenedWebSession | null> {
  if (!looksLikeSecret(token)) return null;
  const now = deps.clock.now();
  const grant = await deps.store.web.useLoginToken(token, now);
  if (!grant) return null;
  const person = { workspaceId: grant.workspaceId, platform: grant.platform, userId: grant.userId, timeZone: grant.timeZone };
  const expiresAt = new Date(now.getTime() + WEB_SESSION_HOURS * 3_600_000);
  const { cookie, csrfToken } = await deps.store.web.addSession({ ...person, createdAt: now, expiresAt });
  const session: WebSession = { ...person, csrfToken, expiresAt };
  return { cookie, session, ticketNumber: grant.ticketNumber };
}
