import { changeCc } from '../../../core';
import { personField, type WebAction } from './act';

/** CC someone: agents and the requester (as `cc #n @person`). */
export const ccAction: WebAction = {
  run: async (web, viewer, number, form) => ({ ticket: (await changeCc(web.deps, viewer.actor, number, [personField(form)], true)).ticket, done: 'cc' }),
};

/** Take someone off CC: agents and the requester; a CC'd person themselves (as `uncc #n @person`). */
export const unccAction: WebAction = {
  run: async (web, viewer, number, form) => ({ ticket: (await changeCc(web.deps, viewer.actor, number, [personField(form)], false)).ticket, done: 'cc' }),
};
