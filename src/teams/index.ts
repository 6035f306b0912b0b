import { CloudAdapter, type ConfigurationBotFrameworkAuthenticationOptions, type TurnContext } from 'botbuilder';
import type { AppContext, PlatformAdapter } from '../context';
import { localeFromPlatform, tFor } from '../i18n';
import { ChamadoBot } from './bot';
import { EndorsingBotFrameworkAuthentication } from './channel-endorsements';
import { workspaceOf } from './conversation';
import { teamsDirectory } from './web-directory';
import { TeamsDeliverer } from './deliverer';
import { messagesRoute } from './endpoint';
import { TeamsStorage } from './storage';
import type { TeamsContext } from './turn';

/** botbuilder's settings, from MICROSOFT_APP_* and its own pass-through names. */
function authSettings(context: AppContext): ConfigurationBotFrameworkAuthenticationOptions {
  const c = context.config;
  return {
    ...c.botFrameworkAuth,
    MicrosoftAppId: c.MICROSOFT_APP_ID ?? '',
    MicrosoftAppPassword: c.MICROSOFT_APP_PASSWORD ?? '',
    MicrosoftAppTenantId: c.MICROSOFT_APP_TENANT_ID ?? '',
    MicrosoftAppType: c.MICROSOFT_APP_TYPE ?? (c.MICROSOFT_APP_TENANT_ID ? 'SingleTenant' : 'MultiTenant'),
  } as ConfigurationBotFrameworkAuthenticationOptions;
}

/** One place for unexpected failures: logged with context, the person told in their language, no stack trace. */
function onTurnError(context: AppContext) {
  return async (turn: TurnContext, error: Error) => {
    const activity = turn.activity;
    context.log.error({ err: error, platform: 'teams', activityType: activity.type, workspace: workspaceOf(activity) }, 'Teams turn failed');
    if (activity.type !== 'message') return;
    const locale = localeFromPlatform(activity.locale) ?? context.config.DEFAULT_LOCALE;
    await turn.sendActivity(tFor(locale)('errors.internal')).catch((sendError: unknown) => {
      context.log.warn({ err: sendError, platform: 'teams' }, 'could not tell the person about the failure');
    });
  };
}

/** Teams on (see teamsEnabled): authenticated when MICROSOFT_APP_ID is set, else for the Emulator and tests. */
export async function createTeamsAdapter(context: AppContext): Promise<PlatformAdapter> {
  const { config, log } = context;
  const authenticated = Boolean(config.MICROSOFT_APP_ID);
  if (!authenticated) log.warn({ platform: 'teams' }, 'Teams runs unauthenticated: MICROSOFT_APP_ID is not set (fine for the Emulator and tests, never for production)');
  const adapter = new CloudAdapter(new EndorsingBotFrameworkAuthentication(authSettings(context)));
  adapter.onTurnError = onTurnError(context);
  const { conversationReferences, peopleNames } = context.platformRecords;
  const teams: TeamsContext = { context, adapter, appId: config.MICROSOFT_APP_ID ?? '', storage: new TeamsStorage(conversationReferences, peopleNames) };
  const bot = new ChamadoBot(teams);
  return {
    platform: 'teams',
    routes: [messagesRoute(adapter, (turn) => bot.run(turn), authenticated, log)],
    deliverer: new TeamsDeliverer(teams),
    directory: teamsDirectory(teams),
    // A conversation's tenant is known once the bot has seen it (installed there, or a message in it).
    workspaceOfChannel: (channelId) => conversationReferences.workspaceOf(channelId),
  };
}
