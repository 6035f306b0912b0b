import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { nudgeTicket } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { runAction, ticketNumberOf } from './run-action';
import { mrkdwnT } from '../../views/mrkdwn';

/** "Ask for an update" on the Home tab. */
export function registerHomeNudge(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.homeNudge, async ({ ack, body, action }) => {
    await ack();
    await runAction(rt, body, async (actor, t) => {
      const ticket = await nudgeTicket(rt.context.deps, actor, ticketNumberOf(action.value));
      rt.context.log.info({ platform: 'slack', ticket: ticket.number }, 'update asked from the Home tab');
      return mrkdwnT(t, 'replies.nudged', { number: ticket.number });
    });
  });
}
