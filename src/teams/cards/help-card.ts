import type { TFunction } from 'i18next';
import { adaptiveCard, heading, text, type AdaptiveCard } from './card';

const COMMANDS = ['new', 'list', 'show', 'search', 'queue', 'status', 'close', 'claim', 'assign', 'cc', 'priority', 'nudge', 'lang', 'split', 'whoami', 'web'] as const;

/** Every command, in the caller's language. */
export function helpCard(t: TFunction): AdaptiveCard {
  const prefix = t('teams:prefix');
  return adaptiveCard([
    heading(t('help.title')),
    text(t('help.intro', { prefix })),
    ...COMMANDS.map((c) => text(`• ${t(`help.${c}`)}`, { spacing: 'None' })),
  ]);
}

/** Shown once when Chamado is added to a team, chat or personal scope. */
export function welcomeCard(t: TFunction): AdaptiveCard {
  const prefix = t('teams:prefix');
  return adaptiveCard([
    heading(t('teams:welcome.title')),
    text(t('teams:welcome.what')),
    text(t('teams:welcome.start', { prefix })),
    text(t('teams:welcome.extension')),
  ]);
}
