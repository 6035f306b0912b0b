import type { IncomingMessage, ServerResponse } from 'node:http';
import { isChamadoError, type Ticket } from '../../../core';
import { BadForm, readForm, redirect, sameSecret } from '../../http';
import { viewerOf } from '../../session';
import type { Viewer, WebContext } from '../../web-context';
import { sendForbidden, sendSignIn } from '../common';
import { renderTicket } from '../ticket';

/** A form field that is not one of the allowed values. */
export class InvalidChoice extends Error {}

/** One POST /tickets/<n>/<name> action: it calls the same use case as the chat command. */
export interface WebAction {
  run(web: WebContext, viewer: Viewer, number: number, form: URLSearchParams): Promise<{ ticket: Ticket; done: string }>;
}

const REFUSAL_STATUS: Record<string, number> = { not_allowed: 403, agents_only: 403, bad_arguments: 400 };

/** A person's id as a form carries it back (ids we rendered into a select). */
export function personField(form: URLSearchParams): string {
  const value = form.get('person') ?? '';
  if (!/^[A-Za-z0-9._:@+-]{1,200}$/.test(value)) throw new InvalidChoice();
  return value;
}

/**
 * Session (401), CSRF token (403, nothing changes), then the use case: a ticket the person may
 * not see is 404 as in chat; a refusal shows the ticket again with the reason, changing nothing.
 */
export async function act(web: WebContext, req: IncomingMessage, res: ServerResponse, number: number, name: string, action: WebAction): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  let form: URLSearchParams;
  try {
    form = await readForm(req);
  } catch (error) {
    if (error instanceof BadForm) return sendForbidden(viewer, res);
    throw error;
  }
  if (!sameSecret(form.get('_csrf'), viewer.session.csrfToken)) return sendForbidden(viewer, res);
  const draft = name === 'reply' ? (form.get('text') ?? '').slice(0, 4000) : '';
  try {
    const { ticket, done } = await action.run(web, viewer, number, form);
    web.log.info({ web: name, ticket: ticket.number, platform: ticket.platform }, 'web action done');
    redirect(res, `/tickets/${ticket.number}?done=${done}`);
  } catch (error) {
    const { t } = viewer;
    if (error instanceof InvalidChoice) return renderTicket(web, viewer, res, number, { status: 400, flash: { kind: 'error', text: t('web:refusal.invalid') }, draft });
    if (!isChamadoError(error)) throw error;
    // The ticket page itself answers 404 for a ticket this person may not see, whatever was refused.
    const code = error.code === 'bad_arguments' ? 'empty_reply' : error.code;
    const text = t(`web:refusal.${code}`, { defaultValue: t('web:refusal.invalid'), status: typeof error.params.status === 'string' ? t(`status.${error.params.status}`) : '' });
    web.log.info({ web: name, ticket: number, code: error.code }, 'web action refused');
    await renderTicket(web, viewer, res, number, { status: REFUSAL_STATUS[error.code] ?? 409, flash: { kind: 'error', text }, draft });
  }
}
