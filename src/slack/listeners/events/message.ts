import type { App } from '@slack/bolt';
import { z } from 'zod';
import { isPersonMessage, slackMessageSchema, toChatMessage } from '../../messages';
import { workspaceOf } from '../../people';
import type { DirectEventHandler } from '../../receiver';
import type { SlackRuntime } from '../../runtime';

const messageEvent = slackMessageSchema.extend({ channel: z.string().min(1) });
const editedEvent = z.object({ subtype: z.literal('message_changed'), channel: z.string().min(1), message: slackMessageSchema });

/**
 * A person's reply in a ticket thread joins the ticket's history (Pending → Open, Closed →
 * follow-up), stored before the event is acknowledged; replies arriving together share a
 * transaction. An edit refreshes a logged message. A retried event is recognised by the
 * message's ts (the app's event_id dedupe skips messages). Anything else is ignored.
 */
export function messageEventHandler(rt: SlackRuntime): DirectEventHandler {
  return async (teamId, event) => {
    const workspaceId = workspaceOf(teamId ?? rt.teamId);
    const edited = editedEvent.safeParse(event);
    if (edited.success) {
      if (isPersonMessage(edited.data.message, rt.botUserId)) await rt.context.platformRecords.conversationLog.record(workspaceId, 'slack', toChatMessage(edited.data.message, edited.data.channel));
      return;
    }
    const parsed = messageEvent.safeParse(event);
    if (!parsed.success || !isPersonMessage(parsed.data, rt.botUserId)) return;
    const message = toChatMessage(parsed.data, parsed.data.channel);
    // Only thread replies can belong to a ticket. Slack keeps the history: the shortcuts read it
    // through the Web API (and log what they read), so nothing else is stored per message.
    if (!message.threadId) return;
    const [authorIsAgent] = await Promise.all([rt.people.isAgent(message.authorId), rt.people.rememberLocale(rt.context.deps, workspaceId, message.authorId)]);
    const outcome = await rt.recordThreadMessage({ workspaceId, platform: 'slack', message, authorIsAgent });
    if (outcome.kind === 'not_a_ticket' || outcome.kind === 'duplicate') return;
    const log = rt.context.log.child({ platform: 'slack', channel: message.channelId });
    if (outcome.kind === 'follow_up') log.info({ ticket: outcome.followUp.number, original: outcome.original.number }, 'follow-up opened');
    // Debug, not info: one line per message costs ingest throughput (BENCHMARKS.md) and says little.
    else log.debug({ ticket: outcome.ticket.number, reopened: outcome.reopened }, 'thread message recorded');
  };
}

/** Through Bolt (Socket Mode); over HTTP the receiver hands message events to the handler directly. */
export function registerMessageEvents(app: App, rt: SlackRuntime): void {
  const handle = messageEventHandler(rt);
  app.event('message', ({ event, body }) => handle(body.team_id, event));
}
