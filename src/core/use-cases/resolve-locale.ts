import type { Locale } from '../ticket';
import { pickLocale, type UseCaseDeps } from './shared';

/**
 * A person's language as an adapter meets them, given the locale their platform reports now (or
 * null). That locale is remembered, only when it changed, so thread posts to this person later
 * speak it too. The rule itself is `pickLocale`'s.
 */
export async function resolveLocale(deps: UseCaseDeps, workspaceId: string, userId: string, detected: Locale | null): Promise<Locale> {
  const pref = await deps.store.preferences.get(workspaceId, userId);
  if (detected && pref.detectedLocale !== detected) await deps.store.preferences.setDetectedLocale(workspaceId, userId, detected);
  return pickLocale({ locale: pref.locale, detectedLocale: detected ?? pref.detectedLocale }, deps.settings.defaultLocale);
}
