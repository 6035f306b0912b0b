import { changeStatus } from '../../../core';
import type { WebAction } from './act';

/** Close: agents, and the requester their own ticket (as `close #n`). */
export const closeAction: WebAction = {
  run: async (web, viewer, number) => ({ ticket: await changeStatus(web.deps, viewer.actor, number, 'closed'), done: 'status' }),
};
