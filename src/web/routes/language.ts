import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { LOCALES, setLanguage } from '../../core';
import { readForm, redirect, sameSecret } from '../http';
import { viewerOf } from '../session';
import type { WebContext } from '../web-context';
import { safeBack, sendBadRequest, sendForbidden, sendSignIn } from './common';

const languageForm = z.object({ lang: z.enum(LOCALES), back: z.string().max(300).optional() });

/** POST /lang: the person's language from now on, everywhere (as the `lang` command sets it). */
export async function changeLanguage(web: WebContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const viewer = await viewerOf(web, req);
  if (!viewer) return sendSignIn(web, req, res, 'needed');
  const form = await readForm(req);
  if (!sameSecret(form.get('_csrf'), viewer.session.csrfToken)) return sendForbidden(viewer, res);
  const parsed = languageForm.safeParse({ lang: form.get('lang'), back: form.get('back') ?? undefined });
  if (!parsed.success) return sendBadRequest(viewer, res);
  await setLanguage(web.deps, viewer.actor, parsed.data.lang);
  redirect(res, safeBack(parsed.data.back));
}
