import { MessageFactory, type TurnContext } from 'botbuilder';
import { asAttachment } from '../cards/card';
import { welcomeCard } from '../cards/help-card';
import { actorOf, translatorFor, type TeamsContext } from '../turn';

/** Installed in a team, chat or personal scope: say what Chamado does and how to start. */
export async function welcome(teams: TeamsContext, turn: TurnContext): Promise<void> {
  const activity = turn.activity;
  const botAdded = (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
  if (!botAdded) return;
  const actor = await actorOf(teams, activity);
  await turn.sendActivity(MessageFactory.attachment(asAttachment(welcomeCard(translatorFor(actor)))));
  teams.context.log.info({ platform: 'teams', workspace: actor.workspaceId, conversationType: activity.conversation.conversationType }, 'installed: welcome sent');
}
