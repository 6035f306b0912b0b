import type { App, MessageShortcut } from '@slack/bolt';
import { fetchConversation } from '../../conversation';
import { SHORTCUTS } from '../../ids';
import { isPersonMessage, slackMessageSchema, toChatMessage } from '../../messages';
import type { SlackRuntime } from '../../runtime';
import { mentionedIds } from '../../views/message-text';
import { splitModal } from '../../views/split-modal';
import { messageModal } from '../../views/ticket-modal';
import { caller, tellPrivately } from '../shared';
import { mrkdwnT } from '../../views/mrkdwn';

/**
 * "Split into tickets": the modal opens at once (the trigger expires in 3 s) and is filled in
 * once the conversation is read; every message read is kept for the submission.
 */
export function registerSplitShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>(SHORTCUTS.splitConversation, async ({ shortcut, ack }) => {
    await ack();
    const message = slackMessageSchema.safeParse(shortcut.message);
    if (!message.success) return;
    const channel = shortcut.channel.id;
    const { actor, t } = await caller(rt, shortcut.team?.id ?? shortcut.user.team_id ?? rt.teamId, shortcut.user.id);
    if (!actor.isAgent) return tellPrivately(rt, channel, actor.userId, mrkdwnT(t, 'slack:split.agents_only'));

    const opened = await rt.client.views.open({ trigger_id: shortcut.trigger_id, view: messageModal(t, t('slack:modal.loading')) });
    const viewId = opened.view?.id;
    const conversation = await fetchConversation(rt.client, channel, message.data).catch((error: unknown) => {
      rt.context.log.warn({ platform: 'slack', channel, err: String(error) }, 'could not read the conversation to split');
      return { threadId: message.data.ts, messages: [] };
    });
    const messages = conversation.messages.filter((m) => isPersonMessage(m, rt.botUserId)).map((m) => toChatMessage(m, channel));
    for (const m of messages) await rt.context.platformRecords.conversationLog.record(actor.workspaceId, 'slack', m);
    // Names and the viewer's time zone come from users.info, cached per person.
    const [names, profile] = await Promise.all([
      rt.people.names(messages.flatMap((m) => [m.authorId, ...mentionedIds(m.text)])),
      rt.people.profile(actor.userId),
    ]);
    const viewer = { locale: actor.locale, timeZone: profile.timeZone ?? rt.context.config.DEFAULT_TIMEZONE, names };
    const view = messages.length > 0 ? splitModal(t, messages, { c: channel, th: conversation.threadId }, viewer) : messageModal(t, t('slack:modal.no_messages'));
    if (viewId) await rt.client.views.update({ view_id: viewId, view });
  });
}
