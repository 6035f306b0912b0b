import { startChamado, type RunningApp, type StartOptions } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger, type Logger } from '../../src/logger';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually } from './eventually';
import { SIGNING_SECRET, SlackRequests } from './slack-requests';

export { eventually } from './eventually';

/** A ticket a test opened through Slack, with the thread its card started. */
export interface SlackTicket {
  id: string;
  number: number;
  title: string;
  channel: string;
  thread: string;
}

/** A ticket's row, as the Slack tests check it. */
export interface TicketRow {
  id: string;
  status: string;
  assignee_id: string | null;
  priority: string;
  thread_id: string | null;
  follow_up_of: string | null;
  close_reason: string | null;
  first_response_at: Date | null;
}

export interface SlackHarness {
  app: RunningApp;
  fake: FakeSlackApi;
  db: TestDatabase;
  slack: SlackRequests;
  /** A query against the test's own database. */
  // Rows come back as whatever the SQL selects; tests read them by column name.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  sql(query: string, params?: unknown[]): Promise<any[]>;
  /**
   * Opens a ticket with `/ticket new` (as `requester`, in `channel`) and waits for its card's
   * thread: every test makes the tickets it needs. The title is made unique unless given.
   */
  openTicket(opts?: { requester?: string; title?: string; channel?: string }): Promise<SlackTicket>;
  /** Ticket #n of the workspace T1, or undefined. */
  ticket(number: number): Promise<TicketRow | undefined>;
  stop(): Promise<void>;
}

const TICKET_COLUMNS = 'id, status, assignee_id, priority, thread_id, follow_up_of, close_reason, first_response_at';
let titles = 0;

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
  const slack = new SlackRequests(app.url);
  const sql = (query: string, params: unknown[] = []) => db.dataSource.query(query, params);
  return {
    app,
    fake,
    db,
    slack,
    sql,
    openTicket: async ({ requester = 'U_CUST', title = `Something broke ${++titles}`, channel = 'C_GENERAL' } = {}) => {
      const reply = await slack.command(requester, `new ${title}`, channel);
      const number = Number(/#(\d+)/.exec(String(reply.json?.text))?.[1]);
      if (!number) throw new Error(`/ticket new opened no ticket: ${reply.status} ${reply.text}`);
      const withThread = async () => (await sql('SELECT id, title, thread_id FROM tickets WHERE number = $1 AND thread_id IS NOT NULL', [number]))[0];
      const row = await eventually(withThread, `the card of #${number}`);
      return { id: row.id, number, title: row.title, channel, thread: row.thread_id };
    },
    ticket: async (number) => (await sql(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE number = $1 AND workspace_id = 'slack:T1'`, [number]))[0],
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
