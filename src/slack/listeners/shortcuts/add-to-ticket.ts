import type { App, MessageShortcut } from '@slack/bolt';
import { SHORTCUTS } from '../../ids';
import { isPersonMessage, slackMessageSchema, toChatMessage } from '../../messages';
import { workspaceOf } from '../../people';
import type { SlackRuntime } from '../../runtime';
import { addToTicketModal } from '../../views/add-to-ticket-modal';
import { caller, tellPrivately } from '../shared';

/**
 * "Add to ticket" on a message (agents): a form asking for the ticket's number. A non-agent is
 * told privately that only agents can, and no form opens.
 */
export function registerAddToTicketShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>(SHORTCUTS.addToTicket, async ({ shortcut, ack }) => {
    await ack();
    const teamId = shortcut.team?.id ?? shortcut.user.team_id ?? rt.teamId;
    const { actor, t } = await caller(rt, teamId, shortcut.user.id);
    const message = slackMessageSchema.safeParse(shortcut.message);
    if (!actor.isAgent || !message.success) {
      await tellPrivately(rt, shortcut.channel.id, actor.userId, t(actor.isAgent ? 'slack:modal.message_gone' : 'slack:add_to_ticket.agents_only'));
      return;
    }
    await rt.client.views.open({ trigger_id: shortcut.trigger_id, view: addToTicketModal(t, { c: shortcut.channel.id, ts: message.data.ts }) });
    // Kept so the submission adds this very message (files and links included).
    if (isPersonMessage(message.data, rt.botUserId)) {
      await rt.context.deps.store.conversations.record(workspaceOf(teamId), 'slack', toChatMessage(message.data, shortcut.channel.id));
    }
  });
}
