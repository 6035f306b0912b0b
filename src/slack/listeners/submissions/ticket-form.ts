import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { z } from 'zod';
import { cleanTitle, isChamadoError, openTicket, type ChatMessage } from '../../../core';
import { fetchMessage } from '../../conversation';
import { VIEWS } from '../../ids';
import { isPersonMessage, toChatMessage } from '../../messages';
import type { SlackRuntime } from '../../runtime';
import { caller, tellPrivately } from '../shared';

const metadataSchema = z.object({ c: z.string().optional(), ts: z.string().optional(), th: z.string().optional() });

export function parseMetadata<T>(schema: z.ZodType<T>, raw: string | undefined): T | null {
  try {
    const parsed = schema.safeParse(JSON.parse(raw ?? ''));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const stateSchema = z.object({
  title: z.object({ title: z.object({ value: z.string().nullish() }) }).optional(),
  channel: z.object({ channel: z.object({ selected_conversation: z.string().nullish() }) }).optional(),
});

async function theMessage(rt: SlackRuntime, workspaceId: string, channel: string, ts: string, threadTs: string | null): Promise<ChatMessage | null> {
  const [logged] = await rt.context.platformRecords.conversationLog.byIds(workspaceId, channel, [ts]);
  if (logged) return logged;
  const fetched = await fetchMessage(rt.client, channel, ts, threadTs).catch(() => null);
  return fetched && isPersonMessage(fetched, rt.botUserId) ? toChatMessage(fetched, channel) : null;
}

/** Submitting the ticket form (`create_ticket` from a message, `new_ticket` from `new` or the global shortcut). */
export function registerTicketFormSubmission(app: App, rt: SlackRuntime): void {
  const handler = async ({ body, view, ack }: SlackViewMiddlewareArgs<ViewSubmitAction>): Promise<void> => {
    const { actor, t } = await caller(rt, body.team?.id ?? body.user.team_id ?? rt.teamId, body.user.id);
    const meta = parseMetadata(metadataSchema, view.private_metadata) ?? {};
    const state = stateSchema.safeParse(view.state.values);
    const title = state.success ? state.data.title?.title.value ?? '' : '';
    const channelId = (state.success ? state.data.channel?.channel.selected_conversation : null) ?? meta.c;
    if (!channelId) return ack({ response_action: 'errors', errors: { channel: t('slack:modal.channel_required') } });

    try {
      cleanTitle(title);
      let messages: ChatMessage[] = [];
      if (meta.c && meta.ts) {
        const message = await theMessage(rt, actor.workspaceId, meta.c, meta.ts, meta.th ?? null);
        if (!message) return ack({ response_action: 'errors', errors: { title: t('slack:modal.message_gone') } });
        messages = [message];
      }
      const ticket = await openTicket(rt.context.deps, {
        actor,
        title,
        channelId,
        messages,
        ...(meta.c && meta.ts ? { source: { channelId: meta.c, threadId: meta.th ?? meta.ts } } : {}),
      });
      await ack();
      rt.context.log.info({ platform: 'slack', ticket: ticket.number, via: view.callback_id }, 'ticket opened from a form');
      await tellPrivately(rt, channelId, actor.userId, t('slack:opened', { number: ticket.number, channel: channelId }));
    } catch (error) {
      if (!isChamadoError(error)) throw error;
      await ack({ response_action: 'errors', errors: { title: t(`errors.${error.code}`, error.params) } });
    }
  };
  app.view<ViewSubmitAction>(VIEWS.createTicket, handler);
  app.view<ViewSubmitAction>(VIEWS.newTicket, handler);
}
