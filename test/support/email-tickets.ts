import { openTicket, recordThreadMessages, setLanguage, type Actor, type Locale, type Ticket, type UseCaseDeps } from '../../src/core';
import type { StartOptions } from '../../src/app';
import { eventually } from './eventually';
import { startSlackHarness, type SlackHarness } from './slack-harness';
import { SmtpSink } from './smtp-sink';

let seq = 0;

/** Where the e-mail tickets of a test live: Slack workspace T1 unless a test says otherwise. */
export interface EmailWorkspace {
  workspaceId: string;
  platform: Actor['platform'];
}

const SLACK_T1: EmailWorkspace = { workspaceId: 'slack:T1', platform: 'slack' };

/** An e-mail person of a workspace (tests make the tickets the inbound half would open from mail). */
export const emailActor = (address: string, locale: Locale = 'en', where: EmailWorkspace = SLACK_T1): Actor =>
  ({ ...where, userId: `email:${address}`, isAgent: false, locale });

/**
 * A ticket requested by an e-mail person, its card in `channel` (of Slack workspace T1 unless `where` says), through the
 * core use cases alone; `locale` is set as the person's language first. Answers once its card's thread exists.
 */
export async function emailTicket(
  deps: UseCaseDeps,
  threadOf: (number: number) => Promise<string | null | undefined>,
  opts: { address: string; title: string; locale?: Locale; cc?: string[]; channel?: string; where?: EmailWorkspace },
): Promise<Ticket & { threadId: string }> {
  const actor = emailActor(opts.address, opts.locale, opts.where);
  if (opts.locale) await setLanguage(deps, actor, opts.locale);
  const channelId = opts.channel ?? 'C_GENERAL';
  const ticket = await openTicket(deps, {
    actor,
    title: opts.title,
    channelId,
    messages: [{ id: `mail-${Date.now()}-${++seq}`, channelId, threadId: null, authorId: actor.userId, text: 'First mail', files: [], postedAt: new Date() }],
    requesterId: actor.userId,
  });
  if (opts.cc?.length) {
    await deps.store.transaction(async (repos) => {
      const locked = (await repos.tickets.byId(ticket.id))!;
      locked.ccIds = opts.cc!.map((a) => `email:${a}`);
      await repos.tickets.saveParticipants(locked);
    });
  }
  const threadId = await eventually(() => threadOf(ticket.number), `the card of #${ticket.number}`);
  return { ...ticket, ccIds: opts.cc?.map((a) => `email:${a}`) ?? [], threadId: threadId! };
}

/** A message an e-mail person wrote into the ticket (as the inbound half records a reply). */
export async function emailReply(deps: UseCaseDeps, ticket: Ticket & { threadId: string }, address: string, text: string): Promise<void> {
  await recordThreadMessages(deps, [{
    workspaceId: ticket.workspaceId,
    platform: ticket.platform,
    authorIsAgent: false,
    message: { id: `mail-${Date.now()}-${++seq}`, channelId: ticket.channelId, threadId: ticket.threadId, authorId: `email:${address}`, text, files: [], postedAt: new Date() },
  }]);
}

/**
 * A Slack app with e-mail on (tickets in C_GENERAL) that sends to a fresh local SMTP sink, with a
 * quick outbox retry; `env` adds or overrides variables. Stop both with `stop`.
 */
export async function startSlackMailHarness(env: Record<string, string> = {}, options: StartOptions = {}): Promise<{ h: SlackHarness; sink: SmtpSink; stop(): Promise<void> }> {
  const sink = await new SmtpSink().start();
  const h = await startSlackHarness(
    { SMTP_URL: sink.url, EMAIL_FROM: 'Acme Support <support@acme.example>', EMAIL_TICKETS_CHANNEL: 'slack:C_GENERAL', ...env },
    undefined,
    { worker: { backoff: { baseMs: 100, maxMs: 400 }, pollMs: 50 }, ...options },
  );
  h.fake.names.set('U_AGENT', 'Ana Agent');
  return { h, sink, stop: async () => { await h.stop(); await sink.stop(); } };
}

/** The thread of ticket #n of the harness's workspace, null before its card is posted. */
export const threadOfTicket = async (h: SlackHarness, n: number): Promise<string | null> =>
  (await h.sql('SELECT thread_id FROM tickets WHERE number = $1', [n]))[0]?.thread_id as string | null;
