import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { changeStatus, type Status } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { runAction, ticketNumberOf } from './run-action';

const TARGET: Record<string, Status> = {
  [ACTIONS.pending]: 'pending',
  [ACTIONS.close]: 'closed',
  [ACTIONS.reopen]: 'open',
  [ACTIONS.stillNeedHelp]: 'open',
  [ACTIONS.closeIt]: 'closed',
};

/** Pending / Close / Reopen on the card, and a reminder's "I still need help" / "Close it". */
export function registerStatusButtons(app: App, rt: SlackRuntime): void {
  for (const [actionId, status] of Object.entries(TARGET)) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      await runAction(rt, body, async (actor) => {
        const ticket = await changeStatus(rt.context.deps, actor, ticketNumberOf(action.value), status);
        rt.context.log.info({ platform: 'slack', ticket: ticket.number, status, user: actor.userId }, 'status changed from a button');
        return null;
      });
    });
  }
}
