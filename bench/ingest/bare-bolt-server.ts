/**
 * The framework ceiling: Chamado's own receiver on the same node:http server with a `message`
 * handler that does nothing (message events skip Bolt, as in the app), so this is what signature
 * check + parse + payload check + ack cost, with no database at all.
 */
import { App } from '@slack/bolt';
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { SlackInbound } from '../../src/slack/inbound';
import { ChamadoReceiver } from '../../src/slack/receiver';
import { BOT_TOKEN, SIGNING_SECRET } from '../slack-signing';
import { BOT_ID, BOT_USER } from './events';

async function main(): Promise<void> {
  const log = createLogger((process.env.LOG_LEVEL ?? 'warn') as 'warn');
  const receiver = new ChamadoReceiver(SIGNING_SECRET, log, new SlackInbound(log, async () => undefined));
  const app = new App({
    receiver,
    token: BOT_TOKEN,
    botId: BOT_ID,
    botUserId: BOT_USER,
    tokenVerificationEnabled: false,
    clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
  });
  app.event('message', async () => undefined);
  const server = createHttpServer([receiver.route()], log);
  server.keepAliveTimeout = 60_000;
  server.listen(0, '127.0.0.1', () => process.stdout.write(`listening ${(server.address() as AddressInfo).port}\n`));
  process.on('SIGTERM', () => {
    server.close();
    server.closeAllConnections();
    process.exit(0);
  });
}

void main();
