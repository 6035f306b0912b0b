import { createServer, type IncomingMessage, type Server } from 'node:http';
import { closeNow, listenOnLoopback } from './loopback';

/** One call the bot made to the Bot Connector. */
export interface ConnectorCall {
  method: string;
  path: string;
  /** The conversation id from the path (URL-decoded). */
  conversationId: string | null;
  /** The activity id from the path: replyTo for POST, the updated activity for PUT. */
  activityId: string | null;
  body: Record<string, unknown>;
  /** The id the fake answered with (new activity or new thread root). */
  answeredId: string | null;
  status: number;
}

interface Failure {
  remaining: number;
  status: number;
  headers: Record<string, string>;
  only?: (method: string, path: string) => boolean;
}

/**
 * A local Bot Connector (node:http on port 0): the activities' serviceUrl points here, so the
 * real CloudAdapter posts to it. Records every call; can fail the next calls on demand.
 */
export class FakeBotConnector {
  readonly calls: ConnectorCall[] = [];
  private server: Server | null = null;
  private failures: Failure[] = [];
  private seq = 0;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(body));
      });
    });
    this.url = `${await listenOnLoopback(this.server)}/`;
    return this;
  }

  async stop(): Promise<void> {
    await closeNow(this.server);
  }

  /** The next `times` calls (those `only` picks, if given) answer `status` (e.g. 503, or 429 with a Retry-After header). */
  failNext(times: number, status: number, headers: Record<string, string> = {}, only?: (method: string, path: string) => boolean): void {
    this.failures.push({ remaining: times, status, headers, only });
  }

  /** Successful calls only: what Teams would show. */
  get accepted(): ConnectorCall[] {
    return this.calls.filter((c) => c.status < 300);
  }

  /** Successful calls made after the first `index` calls (an index into `calls`, failures included). */
  acceptedSince(index: number): ConnectorCall[] {
    return this.calls.slice(index).filter((c) => c.status < 300);
  }

  private nextId(): string {
    this.seq += 1;
    return `17000000000${String(this.seq).padStart(2, '0')}`;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: unknown; headers?: Record<string, string> }> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    const path = (req.url ?? '').split('?')[0];
    const match = /^\/v3\/conversations(?:\/([^/]+)\/activities(?:\/([^/]+))?)?$/.exec(path);
    const call: ConnectorCall = {
      method: req.method ?? '',
      path,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : null,
      activityId: match?.[2] ? decodeURIComponent(match[2]) : null,
      body,
      answeredId: null,
      status: 200,
    };
    this.calls.push(call);
    const failure = this.failures.find((f) => !f.only || f.only(call.method, path));
    if (failure) {
      failure.remaining -= 1;
      if (failure.remaining <= 0) this.failures.splice(this.failures.indexOf(failure), 1);
      call.status = failure.status;
      return { status: failure.status, body: { error: { code: 'Failure', message: 'failing on demand' } }, headers: failure.headers };
    }
    const invalid = invalidMention((body.activity as Record<string, unknown> | undefined) ?? body);
    if (invalid) {
      call.status = 400;
      return { status: 400, body: { error: { code: 'BadArgument', message: `Invalid mention entity: ${invalid}` } } };
    }
    if (!match) {
      call.status = 404;
      return { status: 404, body: { error: { code: 'NotFound', message: path } } };
    }
    if (req.method === 'POST' && !match[1]) {
      const rootId = this.nextId();
      const channel = ((body.channelData as { channel?: { id?: string } } | undefined)?.channel?.id) ?? 'conversation';
      call.answeredId = rootId;
      call.status = 201;
      return { status: 201, body: { id: `${channel};messageid=${rootId}`, activityId: rootId } };
    }
    if (req.method === 'POST') {
      call.answeredId = this.nextId();
      return { status: 200, body: { id: call.answeredId } };
    }
    if (req.method === 'PUT') {
      call.answeredId = call.activityId;
      return { status: 200, body: { id: call.activityId } };
    }
    call.status = 405;
    return { status: 405, body: {} };
  }
}

/**
 * Teams answers 400 when a mention entity's text does not appear in the activity's text: an
 * entity must point at an `<at>…</at>` the reader sees. Returns the offending text, if any.
 */
function invalidMention(activity: Record<string, unknown>): string | null {
  const entities = Array.isArray(activity.entities) ? (activity.entities as { type?: string; text?: string }[]) : [];
  const text = typeof activity.text === 'string' ? activity.text : '';
  const bad = entities.find((e) => e.type === 'mention' && !(e.text && text.includes(e.text)));
  return bad ? String(bad.text) : null;
}
