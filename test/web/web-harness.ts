import { existsSync } from 'node:fs';
import { issueWebLink, openTicket, type Actor, type ChatMessage, type FileRef, type Ticket, type UseCaseDeps } from '../../src/core';
import { eventually, startSlackHarness, type SlackHarness } from '../support/slack-harness';

export const WS = 'slack:T1';

/** People of the test workspace, with the names the fake Slack profile gives them. */
export const PEOPLE = {
  customer: { id: 'U_CUST', name: 'Maria Souza' },
  colleague: { id: 'U_COLLEAGUE', name: 'Carla Colleague' },
  stranger: { id: 'U_OTHER', name: 'Otto Other' },
  agent: { id: 'U_AGENT', name: 'Ana Agent' },
  agent2: { id: 'U_AGENT2', name: 'Bruno Agent' },
} as const;

export interface WebHarness extends SlackHarness {
  deps: UseCaseDeps;
  /** Moves the app's clock forward (a login link's expiry). */
  advance(ms: number): void;
  actor(userId: string, opts?: { isAgent?: boolean; workspaceId?: string }): Actor;
  /** A fresh sign-in link's path (`/login/<token>`), as `web` would give it. */
  loginPath(userId: string, opts?: { ticketNumber?: number; workspaceId?: string }): Promise<string>;
  /** Opens a ticket whose card has been posted (so it has a thread). */
  newTicket(requesterId: string, title: string, opts?: { messages?: Partial<ChatMessage>[]; workspaceId?: string }): Promise<Ticket>;
  byNumber(number: number, workspaceId?: string): Promise<Ticket>;
}

let seq = 0;

/** The whole app with Slack on (fake Web API), Chamado's clock movable, and helpers to build data. */
export async function startWebHarness(env: Record<string, string> = {}): Promise<WebHarness> {
  let offset = 0;
  const h = await startSlackHarness(
    { AGENTS: `slack:${PEOPLE.agent.id},slack:${PEOPLE.agent2.id}`, DEFAULT_TIMEZONE: 'America/Sao_Paulo', PUBLIC_URL: 'http://chamado.test', ...env },
    undefined,
    { now: () => new Date(Date.now() + offset) },
  );
  for (const p of Object.values(PEOPLE)) h.fake.names.set(p.id, p.name);
  const deps = h.app.context.deps;
  const actor = (userId: string, opts: { isAgent?: boolean; workspaceId?: string } = {}): Actor => ({
    workspaceId: opts.workspaceId ?? WS,
    platform: 'slack',
    userId,
    isAgent: opts.isAgent ?? Object.values(PEOPLE).some((p) => p.id === userId && p.id.startsWith('U_AGENT')),
    locale: 'en',
  });
  const byNumber = async (number: number, workspaceId = WS) => (await deps.store.tickets.byNumber(workspaceId, number))!;
  return {
    ...h,
    deps,
    advance: (ms) => {
      offset += ms;
    },
    actor,
    loginPath: async (userId, opts = {}) => {
      const link = await issueWebLink(deps, actor(userId, { workspaceId: opts.workspaceId }), { ticketNumber: opts.ticketNumber ?? null });
      if (link.type !== 'web_link') throw new Error('rate limited');
      return new URL(link.url).pathname;
    },
    newTicket: async (requesterId, title, opts = {}) => {
      const messages: ChatMessage[] = (opts.messages ?? []).map((m) => {
        seq += 1;
        return {
          id: `1700000000.${String(seq).padStart(6, '0')}`, channelId: 'C1', threadId: null, authorId: requesterId, text: '', files: [],
          postedAt: new Date(Date.now() - 3_600_000 + seq * 1000), ...m,
        };
      });
      const ticket = await openTicket(deps, { actor: actor(requesterId, { workspaceId: opts.workspaceId }), title, channelId: 'C1', messages, requesterId });
      return eventually(async () => {
        const t = await byNumber(ticket.number, opts.workspaceId);
        return t.threadId ? t : null;
      });
    },
    byNumber,
  };
}

export const file = (name: string, url: string, size: number | null = 2048, type: string | null = 'application/pdf'): FileRef => ({ name, url, size, type });

/** Debian's chromium (or CHROMIUM_PATH): the browser tests run whenever one is here. */
export function findChromium(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable', '/snap/bin/chromium'];
  return candidates.find((p): p is string => Boolean(p) && existsSync(p!)) ?? null;
}

export const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
