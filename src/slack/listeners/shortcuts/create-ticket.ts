import type { App, MessageShortcut } from '@slack/bolt';
import { SHORTCUTS, VIEWS } from '../../ids';
import { isPersonMessage, slackMessageSchema, titleFromText, toChatMessage } from '../../messages';
import { workspaceOf } from '../../people';
import type { SlackRuntime } from '../../runtime';
import { ticketModal } from '../../views/ticket-modal';
import { caller } from '../shared';

/** "Create ticket" on a message: a form with the title prefilled from the message. */
export function registerCreateTicketShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>(SHORTCUTS.createTicket, async ({ shortcut, ack }) => {
    await ack();
    const message = slackMessageSchema.safeParse(shortcut.message);
    if (!message.success) return;
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? rt.teamId;
    const { t } = await caller(rt, teamId, shortcut.user.id);
    const m = message.data;
    await rt.client.views.open({
      trigger_id: shortcut.trigger_id,
      view: ticketModal(t, VIEWS.createTicket, {
        title: titleFromText(m.text ?? ''), metadata: { c: shortcut.channel.id, ts: m.ts, ...(m.thread_ts ? { th: m.thread_ts } : {}) },
      }),
    });
    // Kept so the submission opens the ticket with this very message (files and links included).
    if (isPersonMessage(m, rt.botUserId)) await rt.context.platformRecords.conversationLog.record(workspaceOf(teamId), 'slack', toChatMessage(m, shortcut.channel.id));
  });
}
