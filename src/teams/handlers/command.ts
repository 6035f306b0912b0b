import { MessageFactory, type TurnContext } from 'botbuilder';
import { runCommand, type CommandResult } from '../../core';
import { splitConversationId } from '../conversation';
import { sendPrivately } from '../private-reply';
import { renderReply } from '../replies';
import { actorOf, commandText, translatorFor, type TeamsContext } from '../turn';

/** Answers that show tickets, or a sign-in link: only the asker may read them. */
const PRIVATE_RESULTS = new Set<CommandResult['type']>(['list', 'detail', 'search', 'queue', 'web_link']);

/** `@Chamado <command>` in a channel or chat, or any message in a personal chat. */
export async function handleCommand(teams: TeamsContext, turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  const actor = await actorOf(teams, activity);
  const { channelId } = splitConversationId(activity.conversation.id);
  const result = await runCommand(teams.context.deps, actor, commandText(turn), { channelId, timeZone: turn.activity.localTimezone ?? null });
  if (result.type === 'done' && result.ticket) {
    teams.context.log.info({ platform: 'teams', ticket: result.ticket.number, key: result.key }, 'command handled');
  }
  const personal = activity.conversation.conversationType === 'personal';
  const t = translatorFor(actor);
  const timeZone = activity.localTimezone || teams.context.config.DEFAULT_TIMEZONE;
  const reply = await renderReply({ result, actor, t, deps: teams.context.deps, storage: teams.storage, personal, timeZone });
  if (!personal && PRIVATE_RESULTS.has(result.type)) {
    const sent = await sendPrivately(teams, turn, reply);
    await turn.sendActivity(MessageFactory.text(t(sent ? 'teams:private.sent' : 'teams:private.unavailable', { prefix: t('teams:prefix') })));
    return;
  }
  await turn.sendActivity(reply);
}
