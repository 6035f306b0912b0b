import { changeStatus } from '../../../core';
import type { WebAction } from './act';

/** Reopen: agents, and the requester their own ticket (as `reopen #n`). */
export const reopenAction: WebAction = {
  run: async (web, viewer, number) => ({ ticket: await changeStatus(web.deps, viewer.actor, number, 'open'), done: 'status' }),
};
