import type { TFunction } from 'i18next';
import type { Chrome } from './layout';
import { Layout } from './layout';

/** How to get a new sign-in link, in both chat apps' words; and, when e-mail is on, by mail (POST /login/email). */
export function HowToSignIn({ t, byEmail = false }: { t: TFunction; byEmail?: boolean }) {
  return (
    <div class="howto">
      <p>{t('web:signin.how')}</p>
      <ul>
        <li>{t('web:signin.slack')} <code>/ticket web</code></li>
        <li>{t('web:signin.teams')} <code>@Chamado web</code></li>
      </ul>
      {byEmail && (
        <form class="email-signin" method="post" action="/login/email">
          <p><label for="signin-email">{t('web:signin.email_how')}</label></p>
          <input
            id="signin-email" type="email" name="email" required maxLength={254} autocomplete="email"
            placeholder={t('web:signin.email_field')} aria-label={t('web:signin.email_field')}
          />
          <button type="submit">{t('web:signin.email_button')}</button>
        </form>
      )}
    </div>
  );
}

/** A page that only says something: signed out, link spent, not found, form expired. */
export function NoticePage({ chrome, title, body, signIn = false, byEmail = false, tone = 'neutral' }: {
  chrome: Chrome; title: string; body: string; signIn?: boolean; byEmail?: boolean; tone?: 'neutral' | 'warning';
}) {
  return (
    <Layout chrome={chrome} title={title}>
      <section class={`notice-card tone-${tone}`} aria-labelledby="notice-title">
        <h1 id="notice-title">{title}</h1>
        <p class="lead">{body}</p>
        {signIn && <HowToSignIn t={chrome.t} byEmail={byEmail} />}
        {!signIn && chrome.viewer && (
          <p>
            <a class="button" href="/tickets">{chrome.t('web:ticket.back')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
