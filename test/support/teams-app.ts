import { loadConfig } from '../../src/config';
import { startChamado, type RunningApp, type StartOptions } from '../../src/app';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './database';
import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { eventually } from './eventually';

export { eventually } from './eventually';

export const TENANT = 'tenant-1';
export const WS = `teams:${TENANT}`;
export const CHANNEL = '19:general@thread.tacv2';
export const BOT = { id: '28:chamado-bot', name: 'Chamado' };
export const AGENT = { id: '29:agent', name: 'Ana Agent' };
export const CUSTOMER = { id: '29:customer', name: 'Carlos Customer' };
export const OTHER = { id: '29:other', name: 'Olga Other' };

export type Json = Record<string, unknown>;

/** A ticket a test opened in the Teams channel: `root` is its card's activity id, `thread` the thread's conversation id. */
export interface TeamsTicket {
  id: string;
  number: number;
  title: string;
  root: string;
  thread: string;
}

export interface TeamsTicketRow {
  id: string;
  status: string;
  assignee_id: string | null;
  thread_id: string | null;
  follow_up_of: string | null;
}

let titles = 0;

/** A test file's own database, fake Bot Connector and app: set up before its tests, torn down after. */
export class TeamsSuite {
  db!: TestDatabase;
  app!: RunningApp;
  readonly connector = new FakeBotConnector();

  constructor(private readonly env: Record<string, string> = {}) {
    beforeAll(async () => {
      this.db = await createTestDatabase();
      await this.connector.start();
      this.app = await startTeamsApp(this.db.url, this.env);
    });
    afterAll(async () => {
      await this.app?.stop();
      await this.connector.stop();
      await this.db?.drop();
    });
  }

  /**
   * `@Chamado new <title>` in the channel, waiting for the card's thread: every test opens the
   * tickets it needs. The title is made unique unless given.
   */
  async openTicket(opts: { from?: Person; title?: string; locale?: string } = {}): Promise<TeamsTicket> {
    const title = opts.title ?? `Something broke ${++titles}`;
    const byTitle = (): Promise<{ id: string; number: number; thread_id: string | null }[]> =>
      this.db.dataSource.query('SELECT id, number, thread_id FROM tickets WHERE title = $1 AND workspace_id = $2', [title, WS]);
    // Another test may have opened a ticket of the same title: this one is the one that was not there before.
    const earlier = new Set((await byTitle()).map((t) => t.id));
    const res = await postActivity(this.app, channelCommand(this.connector, `new ${title}`, { from: opts.from ?? CUSTOMER, locale: opts.locale }));
    if (res.status !== 200) throw new Error(`@Chamado new answered ${res.status}: ${res.text}`);
    const mine = async () => {
      const row = (await byTitle()).find((t) => !earlier.has(t.id));
      return row?.thread_id ? { id: row.id, number: row.number, root: row.thread_id } : undefined;
    };
    const { id, number, root } = await eventually(mine, `the card of "${title}"`);
    return { id, number, title, root, thread: `${CHANNEL};messageid=${root}` };
  }

  /** Ticket #n of the Teams workspace, or undefined. */
  async ticket(number: number): Promise<TeamsTicketRow | undefined> {
    return (await this.db.dataSource.query('SELECT id, status, assignee_id, thread_id, follow_up_of FROM tickets WHERE number = $1 AND workspace_id = $2', [number, WS]))[0];
  }

  /** A new app on the same database, as after a deploy. */
  async restart(): Promise<void> {
    await this.app.stop();
    this.app = await startTeamsApp(this.db.url, this.env);
  }
}

/** The app in-process on a test database, Teams unauthenticated unless env says otherwise; `options` reach startChamado (a movable clock). */
export async function startTeamsApp(databaseUrl: string, env: Record<string, string> = {}, options: StartOptions = {}): Promise<RunningApp> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent', AGENTS: `teams:${AGENT.id}`, ...env });
  return startChamado(config, createLogger('silent'), options);
}

export async function postActivity(app: RunningApp, activity: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown; text: string }> {
  const res = await fetch(`${app.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof activity === 'string' ? activity : JSON.stringify(activity),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = text;
  }
  return { status: res.status, body, text };
}

let seq = 0;
const nextId = () => `1800000000${String(++seq).padStart(3, '0')}`;

interface Person {
  id: string;
  name: string;
}

interface MessageOptions {
  from?: Person;
  locale?: string;
  /** The thread root; omitted: a new top-level post (its own root). */
  threadId?: string;
  id?: string;
  mentions?: Person[];
  value?: Json;
  attachments?: Json[];
}

function base(connector: FakeBotConnector, conversation: Json, from: Person, locale = 'en-US'): Json {
  return {
    channelId: 'msteams',
    serviceUrl: connector.url,
    from: { id: from.id, name: from.name, aadObjectId: `aad-${from.id}` },
    recipient: BOT,
    conversation: { tenantId: TENANT, ...conversation },
    channelData: { tenant: { id: TENANT } },
    locale,
    timestamp: new Date().toISOString(),
  };
}

const mentionEntities = (people: Person[]) => people.map((p) => ({ type: 'mention', text: `<at>${p.name}</at>`, mentioned: { id: p.id, name: p.name } }));

/** A channel post (top-level or in a thread); `text` may hold `<at>Name</at>` for each mention. */
export function channelMessage(connector: FakeBotConnector, text: string, opts: MessageOptions = {}): Json {
  const id = opts.id ?? nextId();
  const root = opts.threadId ?? id;
  const activity = base(connector, { id: `${CHANNEL};messageid=${root}`, conversationType: 'channel', isGroup: true }, opts.from ?? CUSTOMER, opts.locale);
  return {
    ...activity,
    type: 'message',
    id,
    ...(opts.threadId ? { replyToId: opts.threadId } : {}),
    text,
    textFormat: 'plain',
    entities: mentionEntities(opts.mentions ?? []),
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL } },
    ...(opts.value ? { value: opts.value } : {}),
    ...(opts.attachments ? { attachments: opts.attachments } : {}),
  };
}

/** `@Chamado <command>` in the channel (a new post unless threadId is given). */
export function channelCommand(connector: FakeBotConnector, command: string, opts: MessageOptions = {}): Json {
  return channelMessage(connector, `<at>${BOT.name}</at> ${command}`, { ...opts, mentions: [BOT, ...(opts.mentions ?? [])] });
}

export const personalConversation = (person: Person) => `a:personal-${person.id}`;

export function personalMessage(connector: FakeBotConnector, text: string, opts: MessageOptions = {}): Json {
  const from = opts.from ?? CUSTOMER;
  return {
    ...base(connector, { id: personalConversation(from), conversationType: 'personal' }, from, opts.locale),
    type: 'message',
    id: opts.id ?? nextId(),
    text,
    textFormat: 'plain',
    entities: mentionEntities(opts.mentions ?? []),
    ...(opts.value ? { value: opts.value } : {}),
  };
}

/** A press on one of our card buttons in the channel thread (Teams sends a message with `value`). */
export function cardSubmit(connector: FakeBotConnector, value: Json, opts: MessageOptions = {}): Json {
  const msg = channelMessage(connector, '', { ...opts, value });
  delete msg.text;
  return msg;
}

export interface MessagePayloadOptions {
  id: string;
  replyToId?: string;
  html: string;
  from?: Person;
  attachments?: Json[];
}

/** A message-extension invoke (`composeExtension/fetchTask` or `/submitAction`) on a channel message. */
export function extensionInvoke(
  connector: FakeBotConnector,
  name: 'composeExtension/fetchTask' | 'composeExtension/submitAction',
  commandId: string,
  payload: MessagePayloadOptions,
  opts: { from?: Person; locale?: string; data?: Json } = {},
): Json {
  const root = payload.replyToId ?? payload.id;
  const author = payload.from ?? CUSTOMER;
  return {
    ...base(connector, { id: `${CHANNEL};messageid=${root}`, conversationType: 'channel', isGroup: true }, opts.from ?? AGENT, opts.locale),
    type: 'invoke',
    name,
    id: nextId(),
    channelData: { tenant: { id: TENANT }, channel: { id: CHANNEL } },
    value: {
      commandId,
      commandContext: 'message',
      ...(opts.data ? { data: opts.data } : {}),
      messagePayload: {
        id: payload.id,
        replyToId: payload.replyToId ?? null,
        createdDateTime: new Date().toISOString(),
        messageType: 'message',
        body: { contentType: 'html', content: payload.html },
        from: { user: { id: author.id, displayName: author.name } },
        attachments: payload.attachments ?? [],
      },
    },
  };
}

/** Chamado added to the team (conversationUpdate with the bot among membersAdded). */
export function installUpdate(connector: FakeBotConnector, locale = 'en-US'): Json {
  return {
    ...base(connector, { id: CHANNEL, conversationType: 'channel', isGroup: true }, AGENT, locale),
    type: 'conversationUpdate',
    id: nextId(),
    membersAdded: [{ id: BOT.id }],
    channelData: { tenant: { id: TENANT }, team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL }, eventType: 'teamMemberAdded' },
  };
}

/**
 * A post's text with each `[#n](Teams deep link)` read as the plain `#n` it shows: for tests about
 * something else (the links themselves are tested in thread-links.test.ts).
 */
export const shownText = (text: string): string => text.replace(/\[(#\d+)\]\(https:\/\/teams\.microsoft\.com\/l\/message\/[^)]*\)/g, '$1');
