import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { claimTicket } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { runAction, ticketNumberOf } from './run-action';
import { mrkdwnT } from '../../views/mrkdwn';

/** Claim, from the card, the triage announcement or the Home tab (agents only: the core checks). */
export function registerClaimButtons(app: App, rt: SlackRuntime): void {
  for (const actionId of [ACTIONS.claim, ACTIONS.triageClaim, ACTIONS.homeClaim]) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action }) => {
      await ack();
      await runAction(rt, body, async (actor, t) => {
        const ticket = await claimTicket(rt.context.deps, actor, ticketNumberOf(action.value));
        rt.context.log.info({ platform: 'slack', ticket: ticket.number, user: actor.userId }, 'ticket claimed');
        return actionId === ACTIONS.claim ? null : mrkdwnT(t, 'replies.claimed', { number: ticket.number });
      });
    });
  }
}
