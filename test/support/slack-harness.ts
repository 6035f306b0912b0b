import { startChamado, type RunningApp, type StartOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { createTestDatabase, type TestDatabase } from './database';
import { SIGNING_SECRET, SlackRequests } from './slack-requests';

export interface SlackHarness {
  app: RunningApp;
  fake: FakeSlackApi;
  db: TestDatabase;
  slack: SlackRequests;
  /** A query against the test's own database. */
  // Rows come back as whatever the SQL selects; tests read them by column name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sql(query: string, params?: unknown[]): Promise<any[]>;
  stop(): Promise<void>;
}

/**
 * The whole app in-process (HTTP server, real Bolt, outbox worker) on its own Postgres
 * database, talking to a fake Slack Web API started here. `options` reach startChamado (a clock
 * the test moves, for automation driven by hand); `log` replaces the silent logger when a test
 * reads what the app logged.
 */
export async function startSlackHarness(env: Record<string, string> = {}, given?: FakeSlackApi, options: StartOptions = {}, log?: Logger): Promise<SlackHarness> {
  const db = await createTestDatabase();
  const fake = given ?? (await new FakeSlackApi().start());
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, SLACK_BOT_TOKEN: 'xoxb-test', SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.url}/api/`, LOG_LEVEL: 'silent', AGENTS: 'slack:U_AGENT', ...env,
  });
  const app = await startChamado(config, log ?? createLogger('silent'), options);
  return {
    app,
    fake,
    db,
    slack: new SlackRequests(app.url),
    sql: (query, params = []) => db.dataSource.query(query, params),
    stop: async () => {
      await app.stop();
      await fake.stop();
      await db.drop();
    },
  };
}

/** The ticket card chat.postMessage of ticket #n (top-level, its text names `#n`). */
export const isCardOf = (n: number) => (c: { body: Record<string, unknown> }) =>
  !c.body.thread_ts && typeof c.body.text === 'string' && c.body.text.startsWith(`#${n} `);

/** A post's text with Chamado's card links (`<permalink|#n>`) shown as the plain `#n` people read. */
export const unlinked = (text: unknown) => String(text).replace(/<https?:[^|>]+\|(#\d+)>/g, '$1');

/** Polls until `check` returns a truthy value (background delivery is asynchronous). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
