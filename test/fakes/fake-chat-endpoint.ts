import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the deliverer sends for one post (test/support/automation-http-deliverer.js). */
export interface ChatRequest {
  id: string;
  orderingKey: string;
  kind: string;
  ticketNumber: number | null;
  body: { kind: string; ticketId?: string; notice?: { key: string; params: Record<string, unknown> } };
  /** The instance that sent it (multi-instance tests). */
  instance: string | null;
}

/** How the fake answers one request: a status (with Retry-After), or never (a hung platform). */
export type Answer = { status: number; retryAfterS?: number } | { hang: true };

export interface RequestLog {
  post: ChatRequest;
  at: number;
  answer: Answer;
}

/**
 * A chat platform on a local port: it takes posts (`POST /post`), answers 200 by default, and a
 * test scripts failures per request. `accepted` holds the posts it answered 200, in arrival order.
 */
export class FakeChatEndpoint {
  readonly accepted: (ChatRequest & { at: number })[] = [];
  readonly requests: RequestLog[] = [];
  private rule: (post: ChatRequest, attemptOfPost: number) => Answer | undefined = () => undefined;
  private readonly sockets = new Set<Socket>();
  private readonly server = createServer((req, res) => void this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  /** `rule` sees each request and how many times this post was requested before; undefined = 200. */
  answerWith(rule: (post: ChatRequest, attemptOfPost: number) => Answer | undefined): void {
    this.rule = rule;
  }

  attemptsOf(outboxId: string): RequestLog[] {
    return this.requests.filter((r) => r.post.id === outboxId);
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const post = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ChatRequest;
    const answer = this.rule(post, this.attemptsOf(post.id).length) ?? { status: 200 };
    const at = Date.now();
    this.requests.push({ post, at, answer });
    if ('hang' in answer) return;
    if (answer.status === 200) this.accepted.push({ ...post, at });
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (answer.retryAfterS !== undefined) headers['retry-after'] = String(answer.retryAfterS);
    const body = answer.status === 200 ? { ok: true, ts: `${at}.${this.accepted.length}` } : { ok: false, error: `status_${answer.status}` };
    res.writeHead(answer.status, headers).end(JSON.stringify(body));
  }
}
