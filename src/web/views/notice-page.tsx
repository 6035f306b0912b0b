import type { TFunction } from 'i18next';
import type { Chrome } from './layout';
import { Layout } from './layout';

/** How to get a new sign-in link, in both chat apps' words. */
export function HowToSignIn({ t }: { t: TFunction }) {
  return (
    <div class="howto">
      <p>{t('web:signin.how')}</p>
      <ul>
        <li>{t('web:signin.slack')} <code>/ticket web</code></li>
        <li>{t('web:signin.teams')} <code>@Chamado web</code></li>
      </ul>
    </div>
  );
}

/** A page that only says something: signed out, link spent, not found, form expired. */
export function NoticePage({ chrome, title, body, signIn = false, tone = 'neutral' }: {
  chrome: Chrome; title: string; body: string; signIn?: boolean; tone?: 'neutral' | 'warning';
}) {
  return (
    <Layout chrome={chrome} title={title}>
      <section class={`notice-card tone-${tone}`} aria-labelledby="notice-title">
        <h1 id="notice-title">{title}</h1>
        <p class="lead">{body}</p>
        {signIn && <HowToSignIn t={chrome.t} />}
        {!signIn && chrome.viewer && (
          <p>
            <a class="button" href="/tickets">{chrome.t('web:ticket.back')}</a>
          </p>
        )}
      </section>
    </Layout>
  );
}
