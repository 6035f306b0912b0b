import type { TurnContext } from 'botbuilder';
import { ingestMessage } from '../../core';
import { isConfiguredAgent } from '../../people';
import { chatMessageOf, htmlToText, workspaceOf } from '../conversation';
import type { TeamsContext } from '../turn';

/**
 * Every channel message Chamado receives (RSC ChannelMessage.Read.Group) is kept for the split
 * card; one posted in a ticket thread joins the ticket's history (the core decides reopen and
 * follow-ups).
 */
export async function keepChannelMessage(teams: TeamsContext, turn: TurnContext, joinsTicket: boolean): Promise<void> {
  const activity = turn.activity;
  const workspaceId = workspaceOf(activity);
  const message = chatMessageOf(activity, messageText(activity.text ?? '', activity.textFormat));
  if (!message.id || !message.authorId) return;
  if (!joinsTicket || !message.threadId) {
    await teams.context.platformRecords.conversationLog.record(workspaceId, 'teams', message);
    return;
  }
  // Kept in the log and, in a ticket thread, in the ticket's history: one transaction.
  const outcome = await ingestMessage(teams.context.deps, {
    workspaceId,
    platform: 'teams',
    message,
    authorIsAgent: isConfiguredAgent(teams.context.config, 'teams', message.authorId),
  });
  if (outcome.kind === 'recorded' || outcome.kind === 'follow_up') {
    const ticket = outcome.kind === 'recorded' ? outcome.ticket : outcome.original;
    teams.context.log.info({ platform: 'teams', ticket: ticket.number, outcome: outcome.kind, followUp: outcome.kind === 'follow_up' ? outcome.followUp.number : undefined }, 'thread message recorded');
  }
}

/** Channel messages arrive as HTML (`<p>…</p>`, `<at>…</at>`); the history keeps plain text. */
export const messageText = (text: string, format?: string) => (format === 'plain' && !/<[a-z/][^>]*>/i.test(text) ? text.trim() : htmlToText(text));
