import type { TurnContext } from 'botbuilder';
import { runCommand } from '../../core';
import { splitConversationId } from '../conversation';
import { renderReply } from '../replies';
import { actorOf, commandText, translatorFor, type TeamsContext } from '../turn';

/** `@Chamado <command>` in a channel or chat, or any message in a personal chat. */
export async function handleCommand(teams: TeamsContext, context: TurnContext): Promise<void> {
  const activity = context.activity;
  const actor = await actorOf(teams, activity);
  const { channelId } = splitConversationId(activity.conversation.id);
  const result = await runCommand(teams.app.deps, actor, commandText(context), { channelId });
  if (result.type === 'done' && result.ticket) {
    teams.app.log.info({ platform: 'teams', ticket: result.ticket.number, key: result.key }, 'command handled');
  }
  const reply = await renderReply({
    result,
    actor,
    t: translatorFor(actor),
    deps: teams.app.deps,
    storage: teams.storage,
    personal: activity.conversation.conversationType === 'personal',
  });
  await context.sendActivity(reply);
}
