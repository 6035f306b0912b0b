import { TeamsActivityHandler, type MessagingExtensionAction, type MessagingExtensionActionResponse, type TurnContext } from 'botbuilder';
import { handleCardAction } from './handlers/card-action';
import { keepChannelMessage } from './handlers/channel-message';
import { handleCommand } from './handlers/command';
import { fetchCreateTicket, submitCreateTicket } from './handlers/create-ticket';
import { taskMessage } from './handlers/message-payload';
import { fetchSplit, submitSplit } from './handlers/split';
import { welcome } from './handlers/welcome';
import { actorOf, mentionsBot, rememberTurn, translatorFor, type TeamsContext } from './turn';

type ExtensionHandler = (teams: TeamsContext, context: TurnContext, action: MessagingExtensionAction) => Promise<MessagingExtensionActionResponse>;

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
    this.onTurn(async (context, next) => {
      await rememberTurn(teams, context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.routeMessage(context);
      await next();
    });
    this.onMembersAdded(async (context, next) => {
      await welcome(teams, context);
      await next();
    });
  }

  private async routeMessage(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (activity.value && typeof activity.value === 'object' && !activity.text?.trim()) return handleCardAction(this.teams, context);
    const addressed = activity.conversation.conversationType === 'personal' || mentionsBot(activity);
    if (activity.conversation.conversationType === 'channel') await keepChannelMessage(this.teams, context, !addressed);
    if (addressed) await handleCommand(this.teams, context);
  }

  private async unknownCommand(context: TurnContext): Promise<MessagingExtensionActionResponse> {
    const t = translatorFor(await actorOf(this.teams, context.activity));
    return taskMessage(t('teams:errors.unknown_action'));
  }

  protected override async handleTeamsMessagingExtensionFetchTask(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const command = extensionCommand(action.commandId);
    return command ? command.fetch(this.teams, context, action) : this.unknownCommand(context);
  }

  protected override async handleTeamsMessagingExtensionSubmitAction(context: TurnContext, action: MessagingExtensionAction): Promise<MessagingExtensionActionResponse> {
    const command = extensionCommand(action.commandId);
    return command ? command.submit(this.teams, context, action) : this.unknownCommand(context);
  }
}
