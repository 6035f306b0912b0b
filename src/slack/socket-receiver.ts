import type { App, Receiver } from '@slack/bolt';
import { SocketModeClient } from '@slack/socket-mode';
import { z } from 'zod';
import type { WebClientOptions } from './client';
import { withoutNul } from '../http/without-nul';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';
import type { SlackInbound } from './inbound';

const readableEvent = z.object({ type: z.literal('events_api'), payload: z.object({ event: z.object({ type: z.string() }).loose() }).loose() }).loose();

/**
 * The SDK's client reads `payload.event.type` of every events_api envelope before anything else
 * can look at it, and throws (outside any handler) when the event is missing. Such an envelope
 * is passed on under another type, so it reaches SlackInbound's payload check, which
 * acknowledges and drops it.
 */
class CheckedSocketModeClient extends SocketModeClient {
  protected override async onWebSocketMessage(data: string | ArrayBuffer, isBinary: boolean): Promise<void> {
    if (!isBinary && typeof data === 'string' && data.includes('"events_api"')) {
      let envelope: unknown;
      try {
        envelope = JSON.parse(data);
      } catch {
        envelope = null;
      }
      if (envelope && typeof envelope === 'object' && (envelope as { type?: unknown }).type === 'events_api' && !readableEvent.safeParse(envelope).success) {
        return super.onWebSocketMessage(JSON.stringify({ ...envelope, type: 'events_api_unreadable' }), false);
      }
    }
    return super.onWebSocketMessage(data, isBinary);
  }
}

interface SlackEventArgs {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  body: unknown;
  retry_num?: number;
  retry_reason?: string;
}

/**
 * Socket Mode (SLACK_APP_TOKEN): Slack pushes requests over a WebSocket opened through
 * SLACK_API_URL. Bolt's own SocketModeReceiver acknowledges an event before its listener runs;
 * this one hands every envelope to SlackInbound, as the HTTP receiver does, so an event is
 * acknowledged only once stored, and one Slack does not hear back about is sent again.
 */
export class ChamadoSocketReceiver implements Receiver {
  private readonly client: SocketModeClient;

  constructor(appToken: string, clientOptions: WebClientOptions, private readonly log: Logger, private readonly inbound: SlackInbound) {
    this.client = new CheckedSocketModeClient({ appToken, logger: boltLogger(log), clientOptions });
    this.client.on('slack_event', (args: SlackEventArgs) => this.onEnvelope(args));
  }

  init(app: App): void {
    this.inbound.init(app);
  }

  async start(): Promise<void> {
    await this.client.start();
  }

  async stop(): Promise<void> {
    await this.client.disconnect();
  }

  private async onEnvelope({ ack, body, retry_num, retry_reason }: SlackEventArgs): Promise<void> {
    const payload = withoutNul(body);
    if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
      this.log.info({ platform: 'slack' }, 'ignored a Socket Mode envelope without a payload');
      return void ack().catch(() => undefined);
    }
    await this.inbound.handle(payload as Record<string, unknown>, { retryNum: retry_num, retryReason: retry_reason }, (answer) => {
      // Not acknowledged ("retry", "failed"): Slack sends the envelope again.
      if (answer.kind !== 'ack') return;
      const response = answer.response === undefined || answer.response === ''
        ? undefined
        : typeof answer.response === 'string' ? { text: answer.response } : (answer.response as Record<string, unknown>);
      ack(response).catch((error: unknown) => this.log.warn({ platform: 'slack', err: String(error) }, 'could not acknowledge a Socket Mode envelope'));
    });
  }
}
