/**
 * A trivial Slack Web API on loopback that answers `ok` to everything, with a few methods
 * shaped as Slack shapes them. With `perChannelPerSecond`, chat.postMessage is limited like
 * Slack's (about one post a second per channel): over the limit it answers 429 + Retry-After.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT_ID, BOT_USER, TEAM } from './ingest/events';

export interface FakeSlackOptions {
  perChannelPerSecond?: number;
  /** conversations.replies/history answer: the messages of a thread. */
  replies?: (channel: string, ts: string) => unknown[];
}

export interface CallRecord {
  method: string;
  at: number;
  params: Record<string, unknown>;
}

export interface FakeSlack {
  url: string;
  calls: Map<string, number>;
  rateLimited: number;
  /** Accepted chat.postMessage calls into a thread that already had one (the same post twice, when every thread gets one post). */
  repeatedThreadPosts(): number;
  /** Listeners called on every call (for timing a publish or a post). */
  onCall(listener: (call: CallRecord) => void): () => void;
  close(): Promise<void>;
}

function parseParams(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes('json')) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    out[k] = v.startsWith('{') || v.startsWith('[') ? safeJson(v) : v;
  }
  return out;
}

function safeJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}

let tsSeq = 0;
const nextTs = () => `1900000000.${String(++tsSeq).padStart(6, '0')}`;

function answer(method: string, params: Record<string, unknown>, options: FakeSlackOptions): Record<string, unknown> {
  switch (method) {
    case 'auth.test':
      return { ok: true, url: 'https://bench.slack.com/', team: 'Bench', user: 'chamado', team_id: TEAM, user_id: BOT_USER, bot_id: BOT_ID };
    case 'users.info':
      return { ok: true, user: { id: params.user, team_id: TEAM, name: String(params.user), real_name: String(params.user), locale: 'en-US', is_bot: false } };
    case 'conversations.members':
      return { ok: true, members: [], response_metadata: { next_cursor: '' } };
    case 'conversations.replies':
    case 'conversations.history':
      return { ok: true, messages: options.replies?.(String(params.channel), String(params.ts ?? '')) ?? [], has_more: false, response_metadata: { next_cursor: '' } };
    case 'chat.postMessage':
    case 'chat.postEphemeral':
      return { ok: true, channel: params.channel, ts: nextTs(), message: { text: params.text } };
    case 'chat.update':
      return { ok: true, channel: params.channel, ts: params.ts };
    case 'chat.getPermalink':
      // Every card's link is asked for once (contract §5: #n links to the card), as Slack answers it.
      return { ok: true, channel: params.channel, permalink: `https://bench.slack.com/archives/${String(params.channel)}/p${String(params.message_ts).replace('.', '')}` };
    case 'views.open':
    case 'views.publish':
    case 'views.update':
    case 'views.push':
      return { ok: true, view: { id: `V${++tsSeq}`, hash: 'h' } };
    case 'conversations.join':
    case 'conversations.info':
      return { ok: true, channel: { id: params.channel, is_member: true } };
    default:
      return { ok: true };
  }
}

export function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const calls = new Map<string, number>();
  const listeners = new Set<(call: CallRecord) => void>();
  const lastPost = new Map<string, number[]>();
  const threadPosts = new Map<string, number>();
  const fake = { rateLimited: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const method = (req.url ?? '').split('?')[0].replace(/^\/(api\/)?/, '');
      const params = parseParams(Buffer.concat(chunks).toString('utf8'), req.headers['content-type'] ?? '');
      const now = Date.now();
      if (method === 'chat.postMessage' && options.perChannelPerSecond) {
        const channel = String(params.channel);
        const recent = (lastPost.get(channel) ?? []).filter((t) => now - t < 1000);
        if (recent.length >= options.perChannelPerSecond) {
          fake.rateLimited += 1;
          const retryAfter = Math.max(1, Math.ceil((recent[0] + 1000 - now) / 1000));
          res.writeHead(429, { 'retry-after': String(retryAfter), 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'ratelimited' }));
          return;
        }
        recent.push(now);
        lastPost.set(channel, recent);
      }
      calls.set(method, (calls.get(method) ?? 0) + 1);
      if (method === 'chat.postMessage' && params.thread_ts) {
        const key = `${String(params.channel)}|${String(params.thread_ts)}`;
        threadPosts.set(key, (threadPosts.get(key) ?? 0) + 1);
      }
      for (const l of listeners) l({ method, at: now, params });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer(method, params, options)));
    });
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/api/`,
        calls,
        get rateLimited() {
          return fake.rateLimited;
        },
        repeatedThreadPosts: () => [...threadPosts.values()].reduce((sum, n) => sum + n - 1, 0),
        onCall(listener) {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        close: () => new Promise<void>((r) => {
          server.close(() => r());
          server.closeAllConnections();
        }),
      });
    });
  });
}
