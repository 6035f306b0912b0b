import { threadMessageRecorder } from '../core';
import type { AppContext, PlatformAdapter } from '../context';
import { createBoltApp } from './app';
import { createSlackClient, slackClientOptions } from './client';
import { SlackDeliverer } from './delivery';
import { SlackPeople, workspaceOf } from './people';
import { messageEventHandler } from './listeners/events/message';
import { tFor } from '../i18n';
import { SlackInbound } from './inbound';
import { renderCommandResult } from './views/command-reply';
import { ChamadoReceiver } from './receiver';
import { ChamadoSocketReceiver } from './socket-receiver';
import { slackDirectory } from './web-directory';
import type { SlackRuntime } from './runtime';

/** Slack, plugged into the app: HTTP on /slack/events (or Socket Mode) and outbox delivery. */
export async function createSlackAdapter(context: AppContext): Promise<PlatformAdapter> {
  const { config, log } = context;
  const client = createSlackClient(config, log);
  const auth = await client.auth.test().catch((error: unknown) => {
    throw new Error(`Slack auth.test failed (check SLACK_BOT_TOKEN and SLACK_API_URL): ${error instanceof Error ? error.message : String(error)}`);
  });
  const rt: SlackRuntime = {
    context,
    client,
    people: new SlackPeople(config, client, log),
    botUserId: auth.user_id ?? '',
    teamId: auth.team_id ?? '',
    recordThreadMessage: threadMessageRecorder(context.deps),
  };
  const socketMode = Boolean(config.SLACK_APP_TOKEN);
  // One path in whatever the transport: both receivers hand every request to the same SlackInbound.
  const malformedCommand = () => renderCommandResult({ type: 'error', code: 'bad_arguments', params: { command: 'ticket', value: '' } }, tFor(config.DEFAULT_LOCALE));
  const inbound = new SlackInbound(log, messageEventHandler(rt), malformedCommand);
  const httpReceiver = new ChamadoReceiver(config.SLACK_SIGNING_SECRET!, log, inbound);
  const receiver = socketMode ? new ChamadoSocketReceiver(config.SLACK_APP_TOKEN!, slackClientOptions(config, log), log, inbound) : httpReceiver;
  const app = createBoltApp(rt, receiver, auth.bot_id);
  log.info({ platform: 'slack', team: rt.teamId, socketMode }, 'Slack is on');
  return {
    platform: 'slack',
    routes: socketMode ? [] : [httpReceiver.route()],
    deliverer: new SlackDeliverer(rt),
    directory: slackDirectory(rt),
    // One bot, one team: every channel it posts in is the team auth.test named.
    workspaceOfChannel: async () => (rt.teamId ? workspaceOf(rt.teamId) : null),
    start: async () => {
      if (socketMode) await app.start();
    },
    stop: async () => {
      if (socketMode) await app.stop();
    },
  };
}
