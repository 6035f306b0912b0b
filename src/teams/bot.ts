import { TeamsActivityHandler, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import { handleCardAction } from './handlers/card-action';
import { keepChannelMessage } from './handlers/channel-message';
import { handleCommand } from './handlers/command';
import { fetchCreateTicket, submitCreateTicket } from './handlers/create-ticket';
import { taskMessage } from './handlers/message-payload';
import { fetchSplit, submitSplit } from './handlers/split';
import { welcome } from './handlers/welcome';
import { actorOf, mentionsBot, rememberTurn, translatorFor, type TeamsContext } from './turn';

type ExtensionHandler = (teams: TeamsContext, turn: TurnContext, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>;

/** The message-extension commands the manifest declares (a test checks both lists agree). */
export const EXTENSION_COMMANDS: Record<string, { fetch: ExtensionHandler; submit: ExtensionHandler }> = {
  createTicket: { fetch: fetchCreateTicket, submit: submitCreateTicket },
  splitConversation: { fetch: fetchSplit, submit: submitSplit },
};

const extensionCommand = (id: string | undefined) => (id && Object.hasOwn(EXTENSION_COMMANDS, id) ? EXTENSION_COMMANDS[id] : undefined);

/** Routes Teams activities to one handler each; the handlers call the core. */
export class ChamadoBot extends TeamsActivityHandler {
  constructor(private readonly teams: TeamsContext) {
    super();
    this.onTurn(async (turn, next) => {
      await rememberTurn(teams, turn);
      await next();
    });
    this.onMessage(async (turn, next) => {
      await this.routeMessage(turn);
      await next();
    });
    this.onMembersAdded(async (turn, next) => {
      await welcome(teams, turn);
      await next();
    });
  }

  private async routeMessage(turn: TurnContext): Promise<void> {
    const activity = turn.activity;
    if (activity.value && typeof activity.value === 'object' && !activity.text?.trim()) return handleCardAction(this.teams, turn);
    const addressed = activity.conversation.conversationType === 'personal' || mentionsBot(activity);
    if (activity.conversation.conversationType === 'channel') await keepChannelMessage(this.teams, turn, !addressed);
    if (addressed) await handleCommand(this.teams, turn);
  }

  private async unknownCommand(turn: TurnContext): Promise<MessagingExtensionActionResponse> {
    const t = translatorFor(await actorOf(this.teams, turn.activity));
    return taskMessage(t('teams:errors.unknown_action'));
  }

  protected override async handleTeamsMessagingExtensionFetchTask(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const command = extensionCommand(action.commandId);
    return command ? command.fetch(this.teams, turn, action) : this.unknownCommand(turn);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(turn: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const command = extensionCommand(action.commandId);
    return command ? command.submit(this.teams, turn, action) : this.unknownCommand(turn);
  }
}
