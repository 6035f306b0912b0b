import type { App, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { addToTicket, isChamadoError } from '../../../core';
import { VIEWS } from '../../ids';
import { linksOf, translateWithLinks } from '../../views/refs';
import { caller, tellPrivately } from '../shared';
import type { SlackRuntime } from '../../runtime';
import { parseMetadata } from './ticket-form';

const metadataSchema = z.object({ c: z.string().min(1), ts: z.string().min(1) });
const stateSchema = z.object({ ticket: z.object({ ticket: z.object({ value: z.string().nullish() }) }) });
const NUMBER = /^\s*#?\s*(\d{1,9})\s*$/;

/** Submitting "Add to ticket": the message, its files and links join that ticket's history and thread. */
export function registerAddToTicketSubmission(app: App, rt: SlackRuntime): void {
  app.view<ViewSubmitAction>(VIEWS.addToTicket, async ({ body, view, ack }) => {
    const { actor, t } = await caller(rt, body.team?.id ?? body.user.team_id ?? rt.teamId, body.user.id);
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    const state = stateSchema.safeParse(view.state.values);
    const typed = NUMBER.exec(state.success ? state.data.ticket.ticket.value ?? '' : '');
    if (!typed) return ack({ response_action: 'errors', errors: { ticket: t('slack:add_to_ticket.bad_number') } });
    const [message] = meta ? await rt.context.platformRecords.conversationLog.byIds(actor.workspaceId, meta.c, [meta.ts]) : [];
    if (!meta || !message) return ack({ response_action: 'errors', errors: { ticket: t('slack:modal.message_gone') } });
    try {
      const { ticket, added } = await addToTicket(rt.context.deps, actor, Number(typed[1]), message);
      await ack();
      rt.context.log.info({ platform: 'slack', ticket: ticket.number, added }, 'message added to a ticket');
      const text = translateWithLinks(t, added ? 'slack:add_to_ticket.done' : 'slack:add_to_ticket.already', { number: ticket.number }, linksOf([ticket]));
      await tellPrivately(rt, meta.c, actor.userId, text);
    } catch (error) {
      if (!isChamadoError(error)) throw error;
      const key = error.code === 'agents_only' ? 'slack:add_to_ticket.agents_only' : `errors.${error.code}`;
      await ack({ response_action: 'errors', errors: { ticket: t(key, error.params) } });
    }
  });
}
