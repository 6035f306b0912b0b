import type { IncomingMessage, ServerResponse } from 'node:http';
import { tFor } from '../../i18n';
import { browserLocale, sendPage } from '../http';
import type { Viewer, WebContext } from '../web-context';
import type { Chrome } from '../views/layout';
import { NoticePage } from '../views/notice-page';

/** A local path to come back to after a form; anything else goes to the list. */
export function safeBack(value: string | null | undefined): string {
  return value && /^\/(?!\/)[A-Za-z0-9/_?=&.%+-]*$/.test(value) ? value : '/tickets';
}

export const chromeOf = (viewer: Viewer, back: string): Chrome => ({
  t: viewer.t,
  locale: viewer.locale,
  viewer: { name: viewer.name, csrf: viewer.session.csrfToken, back, isAgent: viewer.actor.isAgent },
});

export const signedOutChrome = (web: WebContext, req: IncomingMessage): Chrome => {
  const locale = browserLocale(req, web.config.DEFAULT_LOCALE);
  return { t: tFor(locale), locale };
};

/** 401: no session (or a spent link); the page says how to get a new link. */
export function sendSignIn(web: WebContext, req: IncomingMessage, res: ServerResponse, reason: 'needed' | 'invalid' | 'signed_out', headers: Record<string, string> = {}): void {
  const chrome = signedOutChrome(web, req);
  const { t } = chrome;
  const title = reason === 'invalid' ? t('web:signin.invalid_title') : reason === 'signed_out' ? t('web:signin.signed_out') : t('web:signin.needed_title');
  const body = reason === 'invalid' ? t('web:signin.invalid_body') : t('web:signin.needed_body');
  const page = <NoticePage chrome={chrome} title={title} body={body} signIn byEmail={Boolean(web.sendSignInMail)} tone={reason === 'invalid' ? 'warning' : 'neutral'} />;
  sendPage(res, reason === 'signed_out' ? 200 : 401, page, headers);
}

/** 404: the same page for a ticket that does not exist and one this person may not see. */
export function sendNotFound(viewer: Viewer, res: ServerResponse, number: number | null): void {
  const { t } = viewer;
  const body = number === null ? t('web:errors.not_found_body') : t('web:errors.ticket_not_found_body', { number });
  sendPage(res, 404, <NoticePage chrome={chromeOf(viewer, '/tickets')} title={t('web:errors.not_found_title')} body={body} />);
}

/** 403: a form without this session's CSRF token. Nothing was changed. */
export function sendForbidden(viewer: Viewer, res: ServerResponse): void {
  const { t } = viewer;
  sendPage(res, 403, <NoticePage chrome={chromeOf(viewer, '/tickets')} title={t('web:errors.forbidden_title')} body={t('web:errors.forbidden_body')} tone="warning" />);
}

export function sendBadRequest(viewer: Viewer, res: ServerResponse): void {
  const { t } = viewer;
  sendPage(res, 400, <NoticePage chrome={chromeOf(viewer, '/tickets')} title={t('web:errors.not_found_title')} body={t('web:errors.bad_request')} tone="warning" />);
}

/** Our side failed: one calm page, no stack trace. */
export function sendInternalError(web: WebContext, req: IncomingMessage, res: ServerResponse): void {
  const chrome = signedOutChrome(web, req);
  sendPage(res, 500, <NoticePage chrome={chrome} title={chrome.t('web:errors.internal')} body={chrome.t('web:errors.internal')} tone="warning" />);
}
