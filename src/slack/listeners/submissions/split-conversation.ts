import type { App, SlackViewMiddlewareArgs, ViewOutput, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { ChamadoError, MAX_SPLIT_SLOTS, SplitSlotError, splitConversation, type SplitSlot } from '../../../core';
import { VIEWS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { caller } from '../shared';
import { parseMetadata } from './ticket-form';

const metadataSchema = z.object({ c: z.string().min(1), th: z.string().min(1) });

const slotValue = z.object({
  value: z.string().nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
}).loose();

function slotsFrom(values: ViewOutput['state']['values']): SplitSlot[] {
  const slots: SplitSlot[] = [];
  for (let k = 1; k <= MAX_SPLIT_SLOTS; k++) {
    const title = slotValue.safeParse(values[`title_${k}`]?.[`title_${k}`]);
    const picked = slotValue.safeParse(values[`messages_${k}`]?.[`messages_${k}`]);
    slots.push({
      title: title.success ? title.data.value ?? '' : '',
      messageIds: picked.success ? (picked.data.selected_options ?? []).map((o) => o.value) : [],
    });
  }
  return slots;
}

/** Which field an error belongs next to: the slot's title or its message picker. */
function errorBlock(error: ChamadoError): string {
  if (error instanceof SplitSlotError) return error.code === 'title_required' ? `title_${error.slot}` : `messages_${error.slot}`;
  return 'title_1';
}

/** Submitting the split form: one ticket per filled slot, or the problems shown next to their fields. */
export function registerSplitSubmission(app: App, rt: SlackRuntime): void {
  app.view<ViewSubmitAction>(VIEWS.splitConversation, async ({ body, view, ack }: SlackViewMiddlewareArgs<ViewSubmitAction>) => {
    const { actor, t } = await caller(rt, body.team?.id ?? body.user.team_id ?? rt.teamId, body.user.id);
    const meta = parseMetadata(metadataSchema, view.private_metadata);
    if (!meta) return ack({ response_action: 'errors', errors: { title_1: t('errors.message_not_found') } });
    const slots = slotsFrom(view.state.values);
    const ids = [...new Set(slots.flatMap((s) => s.messageIds))];
    const messages = await rt.context.platformRecords.conversationLog.byIds(actor.workspaceId, meta.c, ids);
    try {
      const tickets = await splitConversation(rt.context.deps, { actor, channelId: meta.c, threadId: meta.th, slots, messages });
      await ack();
      rt.context.log.info({ platform: 'slack', tickets: tickets.map((tk) => tk.number), channel: meta.c }, 'conversation split');
    } catch (error) {
      if (!(error instanceof ChamadoError)) throw error;
      await ack({ response_action: 'errors', errors: { [errorBlock(error)]: t(`errors.${error.code}`, error.params) } });
    }
  });
}
