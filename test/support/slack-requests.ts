import { createHmac, randomBytes } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret';

export interface SlackResponse {
  status: number;
  text: string;
  // Whatever Slack-shaped JSON the app answered; tests read it by name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function signature(body: string, timestamp: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

/**
 * Sends what Slack sends to /slack/events, signed as Slack signs it: slash commands
 * form-encoded, events as JSON, interactivity as a `payload=` form.
 */
export class SlackRequests {
  constructor(private readonly baseUrl: string, private readonly team = 'T1') {}

  async raw(body: string, contentType: string, headers: Record<string, string> = {}, sign: { timestamp?: number; secret?: string } | false = {}): Promise<SlackResponse> {
    const timestamp = sign === false ? 0 : sign.timestamp ?? Math.floor(Date.now() / 1000);
    const signed: Record<string, string> = sign === false ? {} : { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature(body, timestamp, sign.secret) };
    const res = await fetch(`${this.baseUrl}/slack/events`, { method: 'POST', headers: { 'content-type': contentType, ...signed, ...headers }, body });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { status: res.status, text, json };
  }

  command(userId: string, text: string, channelId = 'C_GENERAL', extra: Record<string, string> = {}): Promise<SlackResponse> {
    const form = new URLSearchParams({
      token: 'legacy', team_id: this.team, team_domain: 'test', channel_id: channelId, channel_name: 'general', user_id: userId, user_name: userId.toLowerCase(),
      command: '/ticket', text, api_app_id: 'A1', response_url: 'https://hooks.example/commands/1', trigger_id: `trig-${randomBytes(3).toString('hex')}`, ...extra,
    });
    return this.raw(form.toString(), 'application/x-www-form-urlencoded');
  }

  event(event: Record<string, unknown>, opts: { eventId?: string; retryNum?: number } = {}): Promise<SlackResponse> {
    const body = JSON.stringify({
      token: 'legacy', team_id: this.team, api_app_id: 'A1', type: 'event_callback', event_id: opts.eventId ?? `Ev${randomBytes(5).toString('hex')}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: this.team, user_id: 'U_BOT', is_bot: true }], event,
    });
    const headers: Record<string, string> = opts.retryNum !== undefined ? { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' } : {};
    return this.raw(body, 'application/json', headers);
  }

  interaction(payload: Record<string, unknown>): Promise<SlackResponse> {
    const full = { team: { id: this.team, domain: 'test' }, api_app_id: 'A1', token: 'legacy', ...payload };
    return this.raw(new URLSearchParams({ payload: JSON.stringify(full) }).toString(), 'application/x-www-form-urlencoded');
  }

  /** A person's message in a channel (or a thread), as the Events API delivers it. */
  message(
    userId: string, channel: string, ts: string, text: string, extra: Record<string, unknown> = {}, opts: { eventId?: string; retryNum?: number } = {},
  ): Promise<SlackResponse> {
    return this.event({ type: 'message', channel, user: userId, text, ts, channel_type: 'channel', ...extra }, opts);
  }

  messageShortcut(callbackId: string, userId: string, channel: string, message: { ts: string } & object): Promise<SlackResponse> {
    return this.interaction({
      type: 'message_action', callback_id: callbackId, trigger_id: `trig-${randomBytes(3).toString('hex')}`, response_url: 'https://hooks.example/1',
      user: { id: userId, team_id: this.team }, channel: { id: channel, name: 'general' }, message_ts: message.ts, message: { type: 'message', ...message },
    });
  }

  viewSubmission(userId: string, view: { callback_id: string; private_metadata?: string; values: Record<string, Record<string, unknown>> }): Promise<SlackResponse> {
    return this.interaction({
      type: 'view_submission', trigger_id: 'trig-view', user: { id: userId, team_id: this.team },
      view: { id: 'V_SUB', type: 'modal', callback_id: view.callback_id, private_metadata: view.private_metadata ?? '', state: { values: view.values }, hash: 'h' },
    });
  }

  /** Clicks a button (or picks an option) on a message in a channel, or on the Home tab. */
  click(userId: string, actionId: string, value: string, where: { channel?: string; messageTs?: string; home?: boolean } = {}, selected = false): Promise<SlackResponse> {
    const action = selected
      ? { type: 'static_select', action_id: actionId, block_id: 'b', selected_option: { value, text: { type: 'plain_text', text: value } }, action_ts: '1' }
      : { type: 'button', action_id: actionId, block_id: 'b', value, action_ts: '1' };
    return this.interaction({
      type: 'block_actions', trigger_id: 'trig-action', user: { id: userId, team_id: this.team }, response_url: 'https://hooks.example/2',
      ...(where.home
        ? { container: { type: 'view', view_id: 'V_HOME' }, view: { id: 'V_HOME', type: 'home', blocks: [] } }
        : {
          container: { type: 'message', channel_id: where.channel, message_ts: where.messageTs ?? '1.1' },
          channel: { id: where.channel, name: 'x' },
          message: { ts: where.messageTs ?? '1.1', text: '' },
        }),
      actions: [action],
    });
  }
}
