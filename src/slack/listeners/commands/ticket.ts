import type { App } from '@slack/bolt';
import { z } from 'zod';
import { runCommand } from '../../../core';
import { tFor } from '../../../i18n';
import { SLASH_COMMAND, VIEWS } from '../../ids';
import type { SlackRuntime } from '../../runtime';
import { internalErrorReply, renderCommandResult } from '../../views/command-reply';
import { ticketModal } from '../../views/ticket-modal';
import { caller } from '../shared';

const commandSchema = z.object({
  team_id: z.string().min(1),
  user_id: z.string().min(1),
  channel_id: z.string().min(1),
  text: z.string().default(''),
  trigger_id: z.string().optional(),
});

/** `/ticket <command>`: the core runs it; the answer is ephemeral, in the caller's language. */
export function registerTicketCommand(app: App, rt: SlackRuntime): void {
  app.command(SLASH_COMMAND, async ({ command, ack }) => {
    const parsed = commandSchema.safeParse(command);
    if (!parsed.success) {
      await ack(renderCommandResult({ type: 'error', code: 'bad_arguments', params: { command: 'ticket', value: '' } }, tFor(rt.context.config.DEFAULT_LOCALE)));
      return;
    }
    const { team_id, user_id, channel_id, text, trigger_id } = parsed.data;
    const log = rt.context.log.child({ platform: 'slack', command: text.split(/\s/)[0] ?? '', user: user_id });
    let t = tFor(rt.context.config.DEFAULT_LOCALE);
    let acked = false;
    try {
      const who = await caller(rt, team_id, user_id);
      t = who.t;
      const result = await runCommand(rt.context.deps, who.actor, text, { channelId: channel_id, timeZone: rt.people.timeZoneOf(user_id) });
      if (result.type === 'ask_title') {
        acked = true;
        await ack();
        if (trigger_id) await rt.client.views.open({ trigger_id, view: ticketModal(t, VIEWS.newTicket, { metadata: { c: channel_id } }) });
        return;
      }
      await ack(renderCommandResult(result, t));
      if (result.type === 'done') log.info({ ticket: result.ticket?.number ?? null }, 'command done');
      if (result.type === 'error') log.info({ code: result.code }, 'command refused');
    } catch (error) {
      // The database or Slack failed: the person hears so in their language (once it is known), not Slack's "failed with http_service_error".
      log.error({ err: error }, 'command failed');
      // Once acked (the form failed to open) Slack has its answer; Socket Mode refuses a second ack.
      if (!acked) await ack(internalErrorReply(t));
    }
  });
}
