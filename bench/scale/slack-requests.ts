/** Signed Slack requests the way Slack sends them: slash commands, events and interactivity. */
import { signedHeaders } from '../slack-signing';

export interface Timed {
  ms: number;
  status: number;
  body: string;
}

export async function post(url: string, body: string, contentType: string): Promise<Timed> {
  if (!url.startsWith('http://127.0.0.1:')) throw new Error(`loopback only, not ${url}`);
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', body, headers: signedHeaders(body, contentType) });
  const text = await res.text();
  return { ms: performance.now() - t0, status: res.status, body: text };
}

let seq = 0;
const nextId = () => `${Date.now()}${++seq}`;

export function slashCommand(base: string, team: string, user: string, channel: string, text: string): Promise<Timed> {
  const form = new URLSearchParams({
    token: 'bench', team_id: team, team_domain: 'bench', channel_id: channel, channel_name: 'support', user_id: user, user_name: user,
    command: '/ticket', text, api_app_id: 'ABENCH', response_url: 'http://127.0.0.1:9/respond', trigger_id: `trig.${nextId()}`,
  });
  return post(`${base}/slack/events`, form.toString(), 'application/x-www-form-urlencoded');
}

export function eventCallback(base: string, team: string, event: Record<string, unknown>): Promise<Timed> {
  const body = JSON.stringify({
    token: 'bench', team_id: team, api_app_id: 'ABENCH', type: 'event_callback', event_id: `EvS${nextId()}`, event_time: Math.floor(Date.now() / 1000), event,
  });
  return post(`${base}/slack/events`, body, 'application/json');
}

export function interactivity(base: string, payload: Record<string, unknown>): Promise<Timed> {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return post(`${base}/slack/events`, form.toString(), 'application/x-www-form-urlencoded');
}

export const triggerId = () => `trig.${nextId()}`;
