import { claimTicket } from '../../../core';
import type { WebAction } from './act';

/** Claim: agents assign the ticket to themselves (as `claim #n`). */
export const claimAction: WebAction = {
  run: async (web, viewer, number) => ({ ticket: await claimTicket(web.deps, viewer.actor, number), done: 'claim' }),
};
