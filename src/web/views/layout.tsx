import type { ComponentChildren } from 'preact';
import type { TFunction } from 'i18next';
import type { Locale } from '../../core';

export interface Chrome {
  t: TFunction;
  locale: Locale;
  /** Signed in: the header shows the person, the language switch and sign-out. */
  viewer?: { name: string; csrf: string; back: string; isAgent?: boolean };
}

function LanguageSwitch({ t, locale, csrf, back }: { t: TFunction; locale: Locale; csrf: string; back: string }) {
  return (
    <form method="post" action="/lang" class="lang-form">
      <input type="hidden" name="_csrf" value={csrf} />
      <input type="hidden" name="back" value={back} />
      <label class="visually-hidden" for="lang-select">{t('web:nav.language')}</label>
      <select id="lang-select" name="lang" data-autosubmit>
        <option value="en" selected={locale === 'en'} lang="en">English</option>
        <option value="pt-BR" selected={locale === 'pt-BR'} lang="pt-BR">Português (Brasil)</option>
      </select>
      <button type="submit" class="button ghost small js-hide">{t('web:nav.change_language')}</button>
    </form>
  );
}

/** The frame of every page: header, skip link, main landmark. */
export function Layout({ chrome, title, children }: { chrome: Chrome; title: string; children: ComponentChildren }) {
  const { t, locale, viewer } = chrome;
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light" />
        <title>{t('web:app.title', { page: title })}</title>
        <link rel="stylesheet" href="/assets/style.css" />
        <link rel="icon" href="/assets/icon.svg" type="image/svg+xml" />
        <script src="/assets/app.js" defer />
      </head>
      <body>
        <a class="skip-link" href="#main">{t('web:app.skip')}</a>
        <header class="topbar">
          <div class="wrap topbar-inner">
            <a class="brand" href="/tickets">
              <span class="brand-mark" aria-hidden="true">C</span>
              <span class="brand-name">{t('web:app.name')}</span>
              <span class="brand-tagline">{t('web:app.tagline')}</span>
            </a>
            {viewer && (
              <nav class="topnav" aria-label={t('web:nav.main')}>
                <a href="/tickets" aria-current={/^\/tickets(\?|$)/.test(viewer.back) ? 'page' : undefined}>{t('web:nav.my_tickets')}</a>
                {viewer.isAgent && <a href="/queue" aria-current={viewer.back.startsWith('/queue') ? 'page' : undefined}>{t('web:nav.queue')}</a>}
              </nav>
            )}
            {viewer && (
              <div class="me">
                <span class="me-name">{t('web:nav.signed_in_as', { name: viewer.name })}</span>
                <LanguageSwitch t={t} locale={locale} csrf={viewer.csrf} back={viewer.back} />
                <form method="post" action="/logout">
                  <input type="hidden" name="_csrf" value={viewer.csrf} />
                  <button type="submit" class="button ghost small">{t('web:nav.logout')}</button>
                </form>
              </div>
            )}
          </div>
        </header>
        <main id="main" class="wrap" tabIndex={-1}>
          {children}
        </main>
      </body>
    </html>
  );
}
