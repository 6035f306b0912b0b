import { z } from 'zod';
import { PRIORITIES, setPriority } from '../../../core';
import { InvalidChoice, type WebAction } from './act';

const priorityField = z.enum(PRIORITIES);

/** Priority: agents (as `priority #n <priority>`). */
export const priorityAction: WebAction = {
  run: async (web, viewer, number, form) => {
    const priority = priorityField.safeParse(form.get('priority'));
    if (!priority.success) throw new InvalidChoice();
    return { ticket: await setPriority(web.deps, viewer.actor, number, priority.data), done: 'priority' };
  },
};
