import { ChamadoError } from '../errors';
import { hasTriage, type Repositories } from '../ports';
import { attachmentsOf, type Actor, type ChatMessage, type Priority, type Ticket } from '../ticket';
import { localeOf, ticketKey, type UseCaseDeps } from './shared';

export const MAX_TITLE_LENGTH = 200;

export interface OpenTicketInput {
  actor: Actor;
  title: string;
  /** The channel the card goes to. */
  channelId: string;
  /** The conversation the ticket came from, if any (a thread, or a top-level message). */
  source?: { channelId: string; threadId: string | null };
  /** Messages that become the first history entries, oldest first. */
  messages?: ChatMessage[];
  /** Defaults to the author of the first message, else the actor. */
  requesterId?: string;
  priority?: Priority;
  followUpOf?: Ticket;
}

export function cleanTitle(raw: string): string {
  const title = raw.replace(/\s+/g, ' ').trim();
  if (title === '') throw new ChamadoError('title_required');
  return title.length > MAX_TITLE_LENGTH ? `${title.slice(0, MAX_TITLE_LENGTH - 1)}…` : title;
}

/** Opens a ticket inside the caller's transaction: the row, its history, its audit event and its posts. */
export async function openTicketIn(repos: Repositories, deps: UseCaseDeps, input: OpenTicketInput): Promise<Ticket> {
  const now = deps.clock.now();
  const messages = [...(input.messages ?? [])].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime());
  const requesterId = input.requesterId ?? messages[0]?.authorId ?? input.actor.userId;
  const ticket = await repos.tickets.create({
    workspaceId: input.actor.workspaceId,
    platform: input.actor.platform,
    title: cleanTitle(input.title),
    status: 'open',
    priority: input.priority ?? 'normal',
    requesterId,
    assigneeId: null,
    followUpOf: input.followUpOf?.id ?? null,
    channelId: input.channelId,
    threadId: null,
    sourceChannelId: input.source?.channelId ?? null,
    sourceThreadId: input.source?.threadId ?? null,
    cardUrl: null,
    createdAt: now,
    updatedAt: now,
    closedAt: null,
    closeReason: null,
    pendingSince: null,
    lastActivityAt: now,
    lastCustomerActivityAt: now,
    firstResponseAt: null,
    slaAlertedAt: null,
  });
  await repos.messages.add(messages.map((message) => ({ ticketId: ticket.id, message, attachments: attachmentsOf(message) })));
  await repos.events.add(ticket.id, input.actor.userId, 'created', {
    title: ticket.title,
    requesterId,
    messageIds: messages.map((m) => m.id),
    followUpOf: input.followUpOf?.number ?? null,
    source: input.source ?? null,
  }, now);

  const post = { workspaceId: ticket.workspaceId, platform: ticket.platform, ticketNumber: ticket.number };
  // One statement for both: a ticket's creation holds its workspace's number counter until commit.
  // Announcements share one ordering key (the triage channel's), so none is enqueued where no channel would take it.
  await repos.outbox.enqueueMany([
    { ...post, orderingKey: ticketKey(ticket), body: { kind: 'ticket_card', ticketId: ticket.id } },
    ...(hasTriage(deps.settings, ticket.platform) ? [{
      ...post,
      orderingKey: `triage:${ticket.workspaceId}`,
      body: {
        kind: 'triage_announcement' as const, ticketId: ticket.id,
        notice: { key: 'notices.triage_new', params: { number: ticket.number, title: ticket.title }, locale: deps.settings.defaultLocale, mentions: [requesterId] },
      },
    }] : []),
  ], now);
  if (input.followUpOf) {
    const locale = await localeOf(repos, deps, ticket.workspaceId, requesterId);
    await repos.outbox.enqueue({
      ...post,
      orderingKey: ticketKey(ticket),
      body: {
        kind: 'thread_notice', ticketId: ticket.id,
        notice: { key: 'notices.follow_up_of', params: { number: ticket.number, original: input.followUpOf.number }, locale, actions: ['reopen_original'] },
      },
    }, now);
  }
  return ticket;
}

/** `new <title>`, the create_ticket shortcut / message extension, the :ticket: reaction. */
export async function openTicket(deps: UseCaseDeps, input: OpenTicketInput): Promise<Ticket> {
  cleanTitle(input.title);
  return deps.store.transaction((repos) => openTicketIn(repos, deps, input));
}
