import type { WebSession } from '../web-ports';
import type { UseCaseDeps } from './shared';
import { looksLikeSecret } from './web-secrets';

/** The session a cookie names, while it lasts; anything else is no session. */
export async function resumeWebSession(deps: UseCaseDeps, cookie: string | undefined): Promise<WebSession | null> {
  if (!cookie || !looksLikeSecret(cookie)) return null;
  return deps.store.web.session(cookie, deps.clock.now());
}
