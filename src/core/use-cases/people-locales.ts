import type { CoreDeps, Repositories, UserPreference } from '../ports';
import type { Locale } from '../ticket';

/** The person's choice, else their platform's locale when Portuguese, else the default (contract §5, §6). */
export const pickLocale = (pref: UserPreference | undefined, fallback: Locale): Locale =>
  pref?.locale ?? (pref?.detectedLocale === 'pt-BR' ? 'pt-BR' : fallback);

export async function localeOf(repos: Repositories, deps: CoreDeps, workspaceId: string, userId: string): Promise<Locale> {
  return pickLocale(await repos.preferences.get(workspaceId, userId), deps.settings.defaultLocale);
}

/** Many people's languages in one query: `(workspaceId, userId) => Locale`. */
export async function localesOf(repos: Repositories, deps: CoreDeps, people: readonly { workspaceId: string; userId: string }[]) {
  const prefs = await repos.preferences.getMany(people);
  return (workspaceId: string, userId: string): Locale => pickLocale(prefs.get(`${workspaceId} ${userId}`), deps.settings.defaultLocale);
}
