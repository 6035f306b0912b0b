import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { reopenOriginal } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { runAction, ticketNumberOf } from './run-action';

/** A follow-up's "Reopen #n instead": the original reopens, the follow-up closes (agents only). */
export function registerReopenOriginal(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.reopenOriginal, async ({ ack, body, action }) => {
    await ack();
    await runAction(rt, body, async (actor) => {
      const { original, followUp } = await reopenOriginal(rt.context.deps, actor, ticketNumberOf(action.value));
      rt.context.log.info({ platform: 'slack', ticket: original.number, followUp: followUp.number }, 'original reopened instead of the follow-up');
      return null;
    });
  });
}
