import type { Actor, Locale } from '../ticket';
import type { UseCaseDeps } from './shared';

/** `lang`: the person's language from now on, everywhere Chamado speaks to them. */
export async function setLanguage(deps: UseCaseDeps, actor: Actor, locale: Locale): Promise<Locale> {
  await deps.store.preferences.setLocale(actor.workspaceId, actor.userId, locale);
  return locale;
}
