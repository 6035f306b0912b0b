import type { UseCaseDeps } from './shared';
import { looksLikeSecret } from './web-secrets';

/** `POST /logout`: the session is gone for every instance at once. */
export async function endWebSession(deps: UseCaseDeps, cookie: string | undefined): Promise<void> {
  if (!cookie || !looksLikeSecret(cookie)) return;
  await deps.store.web.endSession(cookie);
}
