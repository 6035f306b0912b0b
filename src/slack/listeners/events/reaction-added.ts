import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isChamadoError, openTicket } from '../../../core';
import { fetchMessage } from '../../conversation';
import { TICKET_REACTION } from '../../ids';
import { isPersonMessage, titleFromText, toChatMessage } from '../../messages';
import type { SlackRuntime } from '../../runtime';
import { caller, tellPrivately } from '../shared';

const reactionEvent = z.object({
  user: z.string().min(1),
  reaction: z.string(),
  item: z.object({ type: z.literal('message'), channel: z.string().min(1), ts: z.string().min(1) }),
});

/** `:ticket:` on a message: an agent opens a ticket from it; anyone else is told who can. */
export function registerReactionAdded(app: App, rt: SlackRuntime): void {
  app.event('reaction_added', async ({ event, body }) => {
    const parsed = reactionEvent.safeParse(event);
    if (!parsed.success || parsed.data.reaction !== TICKET_REACTION) return;
    const { user, item } = parsed.data;
    const { actor, t } = await caller(rt, body.team_id ?? rt.teamId, user);
    if (!actor.isAgent) return tellPrivately(rt, item.channel, user, t('slack:reaction.agents_only'));

    const found = await fetchMessage(rt.client, item.channel, item.ts, null);
    if (!found || !isPersonMessage(found, rt.botUserId)) return tellPrivately(rt, item.channel, user, t('slack:modal.message_gone'));
    const message = toChatMessage(found, item.channel);
    await rt.context.platformRecords.conversationLog.record(actor.workspaceId, 'slack', message);
    try {
      const ticket = await openTicket(rt.context.deps, {
        actor,
        title: titleFromText(message.text) || t('slack:reaction.default_title'),
        channelId: item.channel,
        source: { channelId: item.channel, threadId: message.threadId ?? message.id },
        messages: [message],
      });
      rt.context.log.info({ platform: 'slack', ticket: ticket.number, via: 'reaction' }, 'ticket opened from a reaction');
    } catch (error) {
      if (!isChamadoError(error)) throw error;
      await tellPrivately(rt, item.channel, user, t(`errors.${error.code}`, error.params));
    }
  });
}
