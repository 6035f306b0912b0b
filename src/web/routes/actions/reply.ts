import { replyFromWeb } from '../../../core';
import type { WebAction } from './act';

/** Reply: posted into the ticket thread as "<name> (web): <text>" and kept in the history. */
export const replyAction: WebAction = {
  run: async (web, viewer, number, form) => ({ ticket: await replyFromWeb(web.deps, viewer.actor, number, form.get('text') ?? '', viewer.name), done: 'reply' }),
};
