import type { App, BlockAction, StaticSelectAction } from '@slack/bolt';
import { PRIORITIES, setPriority, type Priority } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { runAction, ticketNumberOf } from './run-action';
import { mrkdwnT } from '../../views/mrkdwn';

/** The card's priority select; its option values are `<number>:<priority>`. */
export function registerPrioritySelect(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<StaticSelectAction>>(ACTIONS.priority, async ({ ack, body, action }) => {
    await ack();
    const [, word] = action.selected_option.value.split(':');
    const priority = PRIORITIES.find((p) => p === word) as Priority | undefined;
    await runAction(rt, body, async (actor, t) => {
      if (!priority) return mrkdwnT(t, 'errors.invalid_priority', { value: word ?? '' });
      const ticket = await setPriority(rt.context.deps, actor, ticketNumberOf(action.selected_option.value), priority);
      rt.context.log.info({ platform: 'slack', ticket: ticket.number, priority }, 'priority set from the card');
      return null;
    });
  });
}
