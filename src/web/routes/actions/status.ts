import { z } from 'zod';
import { changeStatus, STATUSES } from '../../../core';
import { InvalidChoice, type WebAction } from './act';

const statusField = z.enum(STATUSES);

/** Status: as `status #n <status>` (agents; the requester only closed/open of their own). */
export const statusAction: WebAction = {
  run: async (web, viewer, number, form) => {
    const status = statusField.safeParse(form.get('status'));
    if (!status.success) throw new InvalidChoice();
    return { ticket: await changeStatus(web.deps, viewer.actor, number, status.data), done: 'status' };
  },
};
