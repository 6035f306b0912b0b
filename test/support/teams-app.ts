import { loadConfig } from '../../src/config';
import { startChamado, type RunningApp, type StartOptions } from '../../src/app';
import { createLogger } from '../../src/logger';
import { createTestDatabase, type TestDatabase } from './database';
import { FakeBotConnector } from '../fakes/fake-bot-connector';

export const TENANT = 'tenant-1';
export const WS = `teams:${TENANT}`;
export const CHANNEL = '19:general@thread.tacv2';
export const BOT = { id: '28:chamado-bot', name: 'Chamado' };
export const AGENT = { id: '29:agent', name: 'Ana Agent' };
export const CUSTOMER = { id: '29:customer', name: 'Carlos Customer' };
export const OTHER = { id: '29:other', name: 'Olga Other' };

export type Json = Record<string, unknown>;

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
  let body: unknown = null;
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
export function extensionInvoke(connector: FakeBotConnector, name: 'composeExtension/fetchTask' | 'composeExtension/submitAction', commandId: string, payload: MessagePayloadOptions, opts: { from?: Person; locale?: string; data?: Json } = {}): Json {
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

export async function waitFor<T>(probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, what: string, timeoutMs = 8000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
