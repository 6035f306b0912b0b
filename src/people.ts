import type { Config } from './config';
import { type Locale, type Platform, type UseCaseDeps } from './core';

/** Agents named in AGENTS (`platform:userId`). Slack adds the members of SLACK_AGENTS_CHANNEL. */
export function isConfiguredAgent(config: Config, platform: Platform, userId: string): boolean {
  return config.AGENTS.some((a) => a.platform === platform && a.userId === userId);
}

/**
 * A person's language: what they set with `lang`, else the platform's locale when it is
 * Portuguese, else DEFAULT_LOCALE. The platform's locale is remembered (only when it changed),
 * so thread posts to this person later use it too.
 */
export async function resolveLocale(deps: UseCaseDeps, workspaceId: string, userId: string, detected: Locale | null): Promise<Locale> {
  const pref = await deps.store.preferences.get(workspaceId, userId);
  if (detected && pref.detectedLocale !== detected) await deps.store.preferences.setDetectedLocale(workspaceId, userId, detected);
  if (pref.locale) return pref.locale;
  return (detected ?? pref.detectedLocale) === 'pt-BR' ? 'pt-BR' : deps.settings.defaultLocale;
}
