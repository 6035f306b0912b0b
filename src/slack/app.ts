import { App, SocketModeReceiver, type Receiver } from '@slack/bolt';
import { boltLogger } from './bolt-logger';
import { slackClientOptions } from './client';
import { registerListeners } from './listeners';
import type { SlackRuntime } from './runtime';

/**
 * The Bolt app. The bot's identity comes from the one auth.test made at start (Bolt would
 * otherwise call auth.test on every request), and every event is handled once however often
 * Slack retries it.
 */
export function createBoltApp(rt: SlackRuntime, receiver: Receiver, botId: string | undefined): App {
  const { config, log } = rt.context;
  const { inboundEvents } = rt.context.platformRecords;
  const app = new App({
    receiver,
    token: config.SLACK_BOT_TOKEN,
    botId,
    botUserId: rt.botUserId,
    tokenVerificationEnabled: false,
    logger: boltLogger(log),
    clientOptions: slackClientOptions(config, log),
  });

  app.use(async ({ body, next }) => {
    const { event_id: eventId, event } = body as { event_id?: unknown; event?: { type?: unknown } };
    // A message is stored keyed by its ts, so a retried message event changes nothing without this log.
    if (typeof eventId !== 'string' || event?.type === 'message') return next();
    if (!(await inboundEvents.markSeen(eventId))) {
      log.debug({ platform: 'slack', eventId }, 'event already handled: retry ignored');
      return;
    }
    try {
      await next();
    } catch (error) {
      await inboundEvents.forget(eventId);
      throw error;
    }
  });

  // Rethrown, so an event whose listener failed is answered 500 and Slack retries it (the
  // receiver logs it) instead of acknowledging a message that was never stored.
  app.error(async (error) => {
    throw error;
  });

  registerListeners(app, rt);
  return app;
}

/** Socket Mode (SLACK_APP_TOKEN): Slack pushes requests over a WebSocket opened through SLACK_API_URL. */
export function socketModeReceiver(rt: SlackRuntime): SocketModeReceiver {
  const { config, log } = rt.context;
  return new SocketModeReceiver({
    appToken: config.SLACK_APP_TOKEN!,
    logger: boltLogger(log),
    installerOptions: { clientOptions: slackClientOptions(config, log) },
  });
}
