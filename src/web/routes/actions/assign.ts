import { assignTicket } from '../../../core';
import { personField, type WebAction } from './act';

/** Assign: agents (as `assign #n @person`). */
export const assignAction: WebAction = {
  run: async (web, viewer, number, form) => ({ ticket: await assignTicket(web.deps, viewer.actor, number, personField(form)), done: 'assign' }),
};
