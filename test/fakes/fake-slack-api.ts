import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { eventually } from '../support/eventually';
import { closeNow, listenOnLoopback } from './loopback';

/** Web API arguments are free-form JSON that tests read by name, hence `any`. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Args = Record<string, any>;

/** One Web API call the app made: the method, its decoded arguments and the token it used. */
export interface SlackCall {
  method: string;
  body: Args;
  token: string | null;
}

export interface FakeMessage {
  ts: string;
  user?: string;
  bot_id?: string;
  text: string;
  thread_ts?: string;
  reply_count?: number;
  files?: Record<string, unknown>[];
  subtype?: string;
}

interface Failure {
  method: string;
  times: number;
  status?: number;
  error?: string;
  retryAfter?: number;
  channel?: string;
}

/**
 * A local stand-in for the Slack Web API (node:http on port 0): it records every call,
 * answers the methods Chamado uses from a small in-memory workspace, and can be told to fail.
 */
export class FakeSlackApi {
  readonly calls: SlackCall[] = [];
  /** users.info display name per user id (none: the profile has no name). */
  readonly names = new Map<string, string>();
  /** users.info profile time zone per user id. */
  readonly timeZones = new Map<string, string>();
  /** users.info locale per user id. */
  readonly locales = new Map<string, string>();
  /** users.info display name and time zone (`tz`) per user id. */
  readonly profiles = new Map<string, { name?: string; tz?: string }>();
  readonly members = new Map<string, string[]>();
  /** Channels the bot is not in: postMessage answers not_in_channel there until it joins. */
  readonly notInChannel = new Set<string>();
  /** Channels the bot cannot join (private ones). */
  readonly cannotJoin = new Set<string>();
  socketUrl = '';
  private readonly messages = new Map<string, FakeMessage[]>();
  private failures: Failure[] = [];
  private server: Server | null = null;
  private seq = 0;
  private tsSeq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.url = await listenOnLoopback(this.server);
    return this;
  }

  async stop(): Promise<void> {
    await closeNow(this.server);
  }

  /** Makes the next `times` calls of a method fail with an HTTP status or a Slack error. */
  fail(method: string, failure: Omit<Failure, 'method' | 'times'> & { times?: number }): void {
    this.failures.push({ method, times: failure.times ?? 1, ...failure });
  }

  /** A message people posted (what conversations.history/replies return). */
  addMessage(channel: string, message: FakeMessage): FakeMessage {
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return message;
  }

  callsOf(method: string, predicate: (c: SlackCall) => boolean = () => true): SlackCall[] {
    return this.calls.filter((c) => c.method === method && predicate(c));
  }

  /** Waits until a call of `method` matching `predicate` has been made, and returns it. */
  async waitFor(method: string, predicate: (c: SlackCall) => boolean = () => true, timeoutMs = 8000): Promise<SlackCall> {
    const what = () => `a ${method} call that matches (calls so far: ${this.calls.map((c) => c.method).join(', ')})`;
    try {
      return await eventually(() => this.calls.find((c) => c.method === method && predicate(c)), method, timeoutMs);
    } catch {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    }
  }

  private nextTs(): string {
    this.tsSeq += 1;
    return `1780000000.${String(this.tsSeq).padStart(6, '0')}`;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    // The upload URL files.getUploadURLExternal hands out: the file's bytes are POSTed there.
    if ((req.url ?? '').startsWith('/upload/')) {
      this.calls.push({ method: 'upload', body: { file_id: (req.url ?? '').slice('/upload/'.length), bytes: Buffer.concat(chunks) }, token: null });
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${Buffer.concat(chunks).length}`);
      return;
    }
    const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0];
    const body = decode(raw, req.headers['content-type'] ?? '');
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7) : typeof body.token === 'string' ? body.token : null;
    this.calls.push({ method, body, token });

    const failure = this.failures.find((f) => f.method === method && f.times > 0 && (!f.channel || f.channel === body.channel));
    if (failure) {
      failure.times -= 1;
      if (failure.status) {
        const headers: Record<string, string> = failure.retryAfter !== undefined ? { 'retry-after': String(failure.retryAfter) } : {};
        res.writeHead(failure.status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify({ ok: false, error: 'fake_failure' }));
        return;
      }
      return json(res, { ok: false, error: failure.error ?? 'fake_error' });
    }
    json(res, this.answer(method, body));
  }

  private answer(method: string, body: Args): Record<string, unknown> {
    this.seq += 1;
    switch (method) {
      case 'auth.test':
        return { ok: true, user_id: 'U_BOT', bot_id: 'B_BOT', team_id: 'T1', team: 'Test', user: 'chamado' };
      case 'chat.postMessage': {
        if (this.notInChannel.has(body.channel)) return { ok: false, error: 'not_in_channel' };
        const ts = this.nextTs();
        this.addMessage(body.channel, { ts, bot_id: 'B_BOT', text: body.text ?? '', ...(body.thread_ts ? { thread_ts: body.thread_ts } : {}) });
        return { ok: true, channel: body.channel, ts, message: { ts, text: body.text } };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'chat.getPermalink':
        return { ok: true, channel: body.channel, permalink: permalinkOf(body.channel, body.message_ts) };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.update':
      case 'views.publish':
        return { ok: true, view: { id: body.view_id ?? `V${this.seq}`, hash: `h${this.seq}`, ...(body.view ?? {}) } };
      case 'users.info': {
        const profile = this.profiles.get(body.user) ?? {};
        const name = profile.name ?? this.names.get(body.user) ?? '';
        const tz = profile.tz ?? this.timeZones.get(body.user);
        return {
          ok: true,
          user: {
            id: body.user, name: String(body.user).toLowerCase(), locale: this.locales.get(body.user) ?? 'en-US',
            ...(tz ? { tz } : {}),
            profile: { display_name: name, real_name: name },
          },
        };
      }
      case 'conversations.members':
        return { ok: true, members: this.members.get(body.channel) ?? [], response_metadata: { next_cursor: '' } };
      case 'conversations.join':
        if (this.cannotJoin.has(body.channel)) return { ok: false, error: 'method_not_supported_for_channel_type' };
        this.notInChannel.delete(body.channel);
        return { ok: true, channel: { id: body.channel } };
      case 'conversations.info':
        return { ok: true, channel: { id: body.channel, is_member: !this.notInChannel.has(body.channel) } };
      case 'conversations.history':
        return { ok: true, messages: this.history(body), has_more: false };
      case 'conversations.replies':
        return { ok: true, messages: this.replies(body), has_more: false };
      case 'files.getUploadURLExternal':
        return { ok: true, upload_url: `${this.url}/upload/F${this.seq}`, file_id: `F${this.seq}` };
      case 'files.completeUploadExternal':
        return { ok: true, files: (Array.isArray(body.files) ? body.files : []).map((f: { id: string; title?: string }) => ({ id: f.id, title: f.title ?? '' })) };
      case 'apps.connections.open':
        return { ok: true, url: this.socketUrl };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private history(body: Args): FakeMessage[] {
    const inclusive = body.inclusive === true || body.inclusive === 'true';
    const latest = body.latest ? Number(body.latest) : Infinity;
    const oldest = body.oldest ? Number(body.oldest) : -Infinity;
    return (this.messages.get(body.channel) ?? [])
      .filter((m) => !m.thread_ts || m.thread_ts === m.ts)
      .filter((m) => (inclusive ? Number(m.ts) <= latest && Number(m.ts) >= oldest : Number(m.ts) < latest && Number(m.ts) > oldest))
      .sort((a, b) => Number(b.ts) - Number(a.ts))
      .slice(0, Number(body.limit ?? 100));
  }

  private replies(body: Args): FakeMessage[] {
    const latest = body.latest ? Number(body.latest) : Infinity;
    return (this.messages.get(body.channel) ?? [])
      .filter((m) => m.ts === body.ts || m.thread_ts === body.ts)
      .filter((m) => Number(m.ts) <= latest)
      .sort((a, b) => Number(a.ts) - Number(b.ts))
      .slice(0, Number(body.limit ?? 100));
  }
}

/** The permalink the fake answers for a message, so tests can expect `<permalink|#n>`. */
export const permalinkOf = (channel: string, ts: string) => `https://test.slack.com/archives/${channel}/p${String(ts).replace('.', '')}`;

function decode(raw: string, contentType: string): Args {
  if (contentType.includes('application/json')) return raw ? JSON.parse(raw) : {};
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = /^[[{]/.test(value) ? safeJson(value) : value;
  }
  return out;
}

function safeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

function json(res: ServerResponse, body: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
