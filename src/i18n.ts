import i18next, { type i18n, type TFunction } from 'i18next';
import enEmail from '../locales/en/email.json';
import enSlack from '../locales/en/slack.json';
import enTeams from '../locales/en/teams.json';
import en from '../locales/en/translation.json';
import enWeb from '../locales/en/web.json';
import ptBREmail from '../locales/pt-BR/email.json';
import ptBRSlack from '../locales/pt-BR/slack.json';
import ptBRTeams from '../locales/pt-BR/teams.json';
import ptBR from '../locales/pt-BR/translation.json';
import ptBRWeb from '../locales/pt-BR/web.json';
import type { Locale, Translate } from './core';

/**
 * Every user-visible word comes from locales/; both languages carry the same keys (a test
 * checks it). `translation` holds the shared words; `slack` and `teams` each platform's own
 * (use them as `t('slack:modal.title')`); `web` the web ticket area's; `email` the mail's.
 */
export const RESOURCES = {
  en: { translation: en, slack: enSlack, teams: enTeams, web: enWeb, email: enEmail },
  'pt-BR': { translation: ptBR, slack: ptBRSlack, teams: ptBRTeams, web: ptBRWeb, email: ptBREmail },
} as const;

let instance: i18n | null = null;

export function i18nInstance(): i18n {
  if (!instance) {
    instance = i18next.createInstance();
    void instance.init({
      resources: RESOURCES,
      lng: 'en',
      fallbackLng: 'en',
      supportedLngs: ['en', 'pt-BR'],
      ns: ['translation', 'slack', 'teams', 'web', 'email'],
      defaultNS: 'translation',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  return instance;
}

const fixed = new Map<Locale, TFunction>();

/**
 * `t` in one language. Not i18next's getFixedT: its function copies i18next's whole options object
 * on every call, which costs more than `t` itself, and a list of tickets makes many calls.
 */
export function tFor(locale: Locale): TFunction {
  let t = fixed.get(locale);
  if (!t) {
    const instance = i18nInstance();
    // TFunction is a set of overloads no single arrow satisfies; every caller passes a key and at most an options object.
    t = ((key: string, options?: Record<string, unknown>) => instance.t(key, { lng: locale, ...options })) as unknown as TFunction;
    fixed.set(locale, t);
  }
  return t;
}

/** The core's Translate port. */
export const translate: Translate = (locale, key, params) => tFor(locale)(key, params ?? {});

/** Platforms report `pt-BR`, `pt_BR`, `pt-PT` …: any Portuguese is pt-BR, English is en, the rest unknown. */
export function localeFromPlatform(raw: string | null | undefined): Locale | null {
  if (!raw) return null;
  const lower = raw.toLowerCase().replace('_', '-');
  if (lower.startsWith('pt')) return 'pt-BR';
  if (lower.startsWith('en')) return 'en';
  return null;
}
