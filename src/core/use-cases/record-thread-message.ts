import { applyStatus } from '../lifecycle';
import type { Repositories } from '../ports';
import { attachmentsOf, type Actor, type ChatMessage, type Platform, type Ticket } from '../ticket';
import { openTicketIn } from './open-ticket';
import { announceStatus, localeOf, postThreadNotice, touch, type UseCaseDeps } from './shared';

export interface ThreadMessageInput {
  workspaceId: string;
  platform: Platform;
  message: ChatMessage;
  authorIsAgent: boolean;
}

export type ThreadMessageOutcome =
  | { kind: 'not_a_ticket' }
  | { kind: 'duplicate'; ticket: Ticket }
  | { kind: 'recorded'; ticket: Ticket; reopened: boolean }
  | { kind: 'follow_up'; original: Ticket; followUp: Ticket };

/**
 * A message posted in a ticket thread joins its history. A customer's reply puts a Pending
 * ticket back to Open; a message on a Closed ticket opens a follow-up linked to it.
 */
export async function recordThreadMessage(deps: UseCaseDeps, input: ThreadMessageInput): Promise<ThreadMessageOutcome> {
  if (!input.message.threadId) return { kind: 'not_a_ticket' };
  return deps.store.transaction((repos) => recordThreadMessageIn(repos, deps, input));
}

/** The same, inside the caller's transaction. */
export async function recordThreadMessageIn(repos: Repositories, deps: UseCaseDeps, input: ThreadMessageInput): Promise<ThreadMessageOutcome> {
  const { message } = input;
  const threadId = message.threadId;
  if (!threadId) return { kind: 'not_a_ticket' };
  const ticket = await repos.tickets.byThread(input.workspaceId, message.channelId, threadId, { lock: true });
  if (!ticket || message.id === ticket.threadId) return { kind: 'not_a_ticket' };
  const now = deps.clock.now();
  const author: Actor = { workspaceId: input.workspaceId, platform: input.platform, userId: message.authorId, isAgent: input.authorIsAgent, locale: deps.settings.defaultLocale };

  if (ticket.status === 'closed') {
    const earlier = (await repos.events.list(ticket.id)).find((e) => e.type === 'follow_up_opened' && e.data.messageId === message.id);
    if (earlier) return { kind: 'duplicate', ticket };
    const locale = await localeOf(repos, deps, input.workspaceId, message.authorId);
    const followUp = await openTicketIn(repos, deps, {
      actor: author,
      title: deps.translate(locale, 'tickets.follow_up_title', { title: ticket.title }),
      channelId: ticket.channelId,
      source: { channelId: message.channelId, threadId: message.threadId },
      messages: [message],
      requesterId: message.authorId,
      priority: ticket.priority,
      followUpOf: ticket,
    });
    await repos.events.add(ticket.id, message.authorId, 'follow_up_opened', { number: followUp.number, ticketId: followUp.id, messageId: message.id }, now);
    const originalLocale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
    await postThreadNotice(repos, ticket, { key: 'notices.follow_up_opened', params: { number: ticket.number, followUp: followUp.number }, locale: originalLocale }, now);
    return { kind: 'follow_up', original: ticket, followUp };
  }

  const updated: Ticket = { ...ticket };
  touch(updated, author, now);
  const reopened = updated.status === 'pending' && !input.authorIsAgent;
  if (reopened) applyStatus(updated, 'open', now);
  if (!(await repos.tickets.appendMessage(updated, message, attachmentsOf(message)))) return { kind: 'duplicate', ticket };
  if (reopened) {
    await repos.events.add(ticket.id, message.authorId, 'status_changed', { from: 'pending', to: 'open', reason: 'customer_reply' }, now);
    await announceStatus(repos, deps, updated, message.authorId, now);
  }
  return { kind: 'recorded', ticket: updated, reopened };
}
