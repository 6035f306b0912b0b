import { createServer, connect, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy between the app and the test run's Postgres, so one test can take "the database"
 * away without touching the server other test files share:
 * - `up`: bytes pass both ways;
 * - `stall`: connections stay open but nothing passes (a database that stopped answering);
 * - `down`: every connection is cut and new ones are closed at once (a restarting Postgres).
 * What a stall held back is dropped with its connection when the proxy goes down.
 */
export class PgProxy {
  private server: Server | null = null;
  private readonly pairs = new Set<{ client: Socket; upstream: Socket }>();
  private mode: 'up' | 'stall' | 'down' = 'up';

  constructor(private readonly target: { host: string; port: number }) {}

  async start(): Promise<number> {
    this.server = createServer((client) => {
      if (this.mode === 'down') return void client.destroy();
      const upstream = connect(this.target.port, this.target.host);
      const pair = { client, upstream };
      this.pairs.add(pair);
      const pipe = (from: Socket, to: Socket) => from.on('data', (chunk: Buffer) => {
        if (this.mode === 'up') to.write(chunk);
        else if (this.mode === 'stall') {
          from.pause();
          from.unshift(chunk);
        }
      });
      pipe(client, upstream);
      pipe(upstream, client);
      const close = () => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      };
      client.on('close', close).on('error', close);
      upstream.on('close', close).on('error', close);
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    return (this.server.address() as AddressInfo).port;
  }

  stall(): void {
    this.mode = 'stall';
  }

  down(): void {
    this.mode = 'down';
    for (const { client, upstream } of this.pairs) {
      client.destroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  up(): void {
    this.mode = 'up';
    for (const { client, upstream } of this.pairs) {
      client.resume();
      upstream.resume();
    }
  }

  async stop(): Promise<void> {
    this.down();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }
}
