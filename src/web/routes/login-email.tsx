import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { issueEmailLink } from '../../core';
import { BadForm, readForm, sendPage } from '../http';
import { NoticePage } from '../views/notice-page';
import type { WebContext } from '../web-context';
import { signedOutChrome } from './common';

const emailForm = z.object({ email: z.string().trim().max(254).email() });

/**
 * Whether a form post comes from our own pages. This form is used before there is a session, so
 * there is no session CSRF token to check; what a forged post could do is make us mail a link to
 * someone (who alone can use it). Browsers send `Origin` with every POST form, so a post whose
 * Origin is another site's is refused; one without Origin comes from no browser page, so it is
 * no forgery (anyone can post the form directly, as anyone may fill it in). Pages also set
 * `form-action 'self'`. The per-address rate limit bounds what a flood can do either way.
 */
function sameOrigin(web: WebContext, req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const ours = [new URL(web.config.PUBLIC_URL).origin, ...(req.headers.host ? [`http://${req.headers.host}`, `https://${req.headers.host}`] : [])];
  return ours.includes(origin);
}

/**
 * POST /login/email (contract §9): an e-mail person asks for a sign-in link. The page answers
 * the same whatever the address, so it tells nobody who has tickets; a known address with a ticket
 * gets its link mailed at once (not through the outbox), within the per-person limit.
 */
export async function loginByEmail(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = web.sendSignInMail;
  const chrome = signedOutChrome(web, req);
  const { t } = chrome;
  if (!send) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  if (!sameOrigin(web, req)) {
    web.log.warn({ web: 'login_email', origin: req.headers.origin }, 'a sign-in form from another site was refused');
    return sendPage(res, 403, <NoticePage chrome={chrome} title={t('web:errors.forbidden_title')} body={t('web:errors.forbidden_body')} tone="warning" />);
  }
  const form = await readForm(req).catch((error: unknown) => {
    if (error instanceof BadForm) return null;
    throw error;
  });
  const parsed = emailForm.safeParse({ email: form?.get('email') ?? '' });
  if (!parsed.success) {
    return sendPage(res, 400, <NoticePage chrome={chrome} title={t('web:signin.needed_title')} body={t('web:signin.email_invalid')} signIn byEmail tone="warning" />);
  }
  const address = parsed.data.email.toLowerCase();
  const link = await issueEmailLink(web.deps, address);
  if (link.type === 'web_link') {
    // Not awaited: a known address must not answer slower than an unknown one; a failure is logged.
    send(address, link.url, link.minutes, link.locale).then(
      () => web.log.info({ web: 'login_email', platform: 'email' }, 'sign-in link mailed'),
      (error: unknown) => web.log.error({ web: 'login_email', platform: 'email', err: error instanceof Error ? error.message : String(error) }, 'could not mail a sign-in link'),
    );
  } else {
    web.log.info({ web: 'login_email', outcome: link.type }, 'no sign-in link mailed');
  }
  sendPage(res, 200, <NoticePage chrome={chrome} title={t('web:signin.email_sent_title')} body={t('web:signin.email_sent_body')} />);
}

