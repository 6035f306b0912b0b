import type { App, GlobalShortcut } from '@slack/bolt';
import { SHORTCUTS, VIEWS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { ticketModal } from '../../views/ticket-modal';
import { caller } from '../shared';

/** The global "New ticket" shortcut: the `new` form plus where the card goes. */
export function registerNewTicketShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<GlobalShortcut>(SHORTCUTS.newTicket, async ({ shortcut, ack }) => {
    await ack();
    const { t } = await caller(rt, shortcut.team?.id ?? shortcut.user.team_id ?? rt.teamId, shortcut.user.id);
    await rt.client.views.open({ trigger_id: shortcut.trigger_id, view: ticketModal(t, VIEWS.newTicket, { metadata: {}, askChannel: true }) });
  });
}
