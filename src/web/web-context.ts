import type { TFunction } from 'i18next';
import type { Config } from '../config';
import type { Actor, Locale, PeopleDirectory, Platform, UseCaseDeps, WebSession } from '../core';
import type { Logger } from '../logger';

/** What every web route is built from (app.ts hands it over). */
export interface WebContext {
  deps: UseCaseDeps;
  config: Config;
  log: Logger;
  /** One per platform that is on; a platform that is off still gets a fallback. */
  directory(platform: Platform): PeopleDirectory;
  /** Cookies carry `Secure` when PUBLIC_URL is https. */
  secureCookies: boolean;
  /** Mails a sign-in link to an e-mail person now (the e-mail adapter's, from app.ts); absent when e-mail is off. */
  sendSignInMail?: (address: string, url: string, minutes: number, locale: Locale) => Promise<void>;
}

/** The signed-in person behind a request. */
export interface Viewer {
  session: WebSession;
  actor: Actor;
  locale: Locale;
  t: TFunction;
  timeZone: string;
  /** How the viewer is named to others (web replies: "<name> (web): …"). */
  name: string;
}
