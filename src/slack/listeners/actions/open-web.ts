import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { issueWebLink } from '../../../core';
import { ACTIONS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { renderCommandResult } from '../../views/command-reply';
import { webLinkModal } from '../../views/web-link-modal';
import { caller, tellPrivately } from '../shared';
import { ticketNumberOf } from './run-action';

/**
 * "Open in the web" on the Home tab or a `show` answer: the same private single-use link as the
 * `web` command, made on the click (a link kept in a Home tab would be a bearer token that lives
 * on). From `show` it lands on that ticket. The answer is private: a modal over the Home tab, an
 * ephemeral line under a `show` answer.
 */
export function registerOpenWeb(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTIONS.openWeb, async ({ ack, body, action, respond }) => {
    await ack();
    const teamId = body.team?.id ?? body.user.team_id ?? rt.teamId;
    const { actor, t } = await caller(rt, teamId, body.user.id);
    const number = ticketNumberOf(action.value);
    const result = await issueWebLink(rt.context.deps, actor, { ticketNumber: number > 0 ? number : null, timeZone: rt.people.timeZoneOf(actor.userId) });
    const answer = renderCommandResult(result, t);
    rt.context.log.info({ platform: 'slack', ticket: number > 0 ? number : null, given: result.type === 'web_link' }, 'web sign-in link asked for by button');
    if (body.view?.type === 'home') {
      await rt.client.views.open({ trigger_id: body.trigger_id, view: webLinkModal(t, answer.text) });
    } else if (body.response_url) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: answer.text, blocks: answer.blocks });
    } else if (body.channel?.id) {
      await tellPrivately(rt, body.channel.id, actor.userId, answer.text);
    }
  });
}
