import { batchQueue, type BatchQueueOptions } from '../batch-queue';
import { applyStatus } from '../lifecycle';
import type { Repositories, ThreadKey } from '../ports';
import { attachmentsOf, type ChatMessage, type Platform, type Ticket } from '../ticket';
import { emailPeopleOf } from '../email-people';
import { mailTicketPeople, messageMail, type MailItem } from './mail-people';
import { openTicketIn } from './open-ticket';
import { relayPost } from './relay';
import { announceStatus, localeOf, localesOf, postThreadNotice, touch, type UseCaseDeps } from './shared';

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
  | { kind: 'follow_up'; original: Ticket; followUp: Ticket }
  /** A message in a closed ticket's thread that joined its follow-up, still not closed. */
  | { kind: 'joined_follow_up'; original: Ticket; followUp: Ticket }
  /** A message in a thread that was split: it joins no ticket; the writer is told where each problem continues. */
  | { kind: 'split_thread'; tickets: Ticket[] };

/** Replies arriving together share one transaction; see batch-queue.ts. Two batches at once keep the database busy while the next one gathers. */
const RECORDER_DEFAULTS: BatchQueueOptions = { concurrency: 2, maxBatch: 200 };

/**
 * Messages posted in ticket threads join their tickets' histories. A customer's reply puts a
 * Pending ticket back to Open; a message on a Closed ticket opens a follow-up linked to it.
 * Answers one outcome per message, in order, after they are committed.
 */
export function recordThreadMessages(deps: UseCaseDeps, inputs: readonly ThreadMessageInput[]): Promise<ThreadMessageOutcome[]> {
  return deps.store.transaction((repos) => recordThreadMessagesIn(repos, deps, inputs));
}

/**
 * `recordThreadMessages` for one message at a time, for a platform's event handlers: messages that
 * arrive while earlier ones are being stored are stored together, in one transaction and a
 * handful of statements, however many there are.
 */
export function threadMessageRecorder(deps: UseCaseDeps, options = RECORDER_DEFAULTS): (input: ThreadMessageInput) => Promise<ThreadMessageOutcome> {
  return batchQueue((inputs) => recordThreadMessages(deps, inputs), options);
}

/** The same for one message, inside the caller's transaction. */
export async function recordThreadMessageIn(repos: Repositories, deps: UseCaseDeps, input: ThreadMessageInput): Promise<ThreadMessageOutcome> {
  const [outcome] = await recordThreadMessagesIn(repos, deps, [input]);
  return outcome;
}

const threadKey = (k: ThreadKey) => `${k.workspaceId}\n${k.channelId}\n${k.threadId}`;

/**
 * Locks every ticket the messages belong to (one statement), stores the new messages (one), saves
 * the tickets they touched (one). Follow-ups, reopenings and split threads, rare, take their own
 * statements.
 */
async function recordThreadMessagesIn(repos: Repositories, deps: UseCaseDeps, inputs: readonly ThreadMessageInput[]): Promise<ThreadMessageOutcome[]> {
  const keys = new Map<string, ThreadKey>();
  for (const { workspaceId, message: { channelId, threadId } } of inputs) {
    if (threadId) keys.set(threadKey({ workspaceId, channelId, threadId }), { workspaceId, channelId, threadId });
  }
  const tickets = new Map((await repos.tickets.lockByThreads([...keys.values()])).map((t) => [threadKey({ ...t, threadId: t.threadId ?? '' }), t]));
  const now = deps.clock.now();
  const outcomes: ThreadMessageOutcome[] = inputs.map(() => ({ kind: 'not_a_ticket' }));
  const appends: { index: number; input: ThreadMessageInput; ticket: Ticket; original?: Ticket }[] = [];
  const followUps = await liveFollowUps(repos, [...tickets.values()]);
  const strays: number[] = [];

  for (const [index, input] of inputs.entries()) {
    const { threadId, channelId, id } = input.message;
    const ticket = threadId ? tickets.get(threadKey({ workspaceId: input.workspaceId, channelId, threadId })) : undefined;
    if (!ticket) {
      if (threadId && id !== threadId) strays.push(index);
      continue;
    }
    if (id === ticket.threadId) continue;
    if (ticket.status !== 'closed') {
      appends.push({ index, input, ticket });
      continue;
    }
    // One follow-up, not one per message: while it is not closed, the closed thread feeds it.
    const followUp = followUps.get(ticket.id);
    if (followUp) {
      appends.push({ index, input, ticket: followUp, original: ticket });
      continue;
    }
    const outcome = await openFollowUp(repos, deps, input, ticket, now);
    outcomes[index] = outcome;
    if (outcome.kind === 'follow_up') followUps.set(ticket.id, outcome.followUp);
  }
  if (strays.length > 0) await answerSplitThreads(repos, inputs, strays, outcomes);

  const added = await repos.messages.add(appends.map(({ ticket, input: { message } }) => ({ ticketId: ticket.id, message, attachments: attachmentsOf(message) })));
  const changed = new Map<string, Ticket>();
  const reopenedBy: { ticket: Ticket; authorId: string }[] = [];
  const relayed: { ticket: Ticket; original: Ticket; message: ChatMessage }[] = [];
  const mailed: MailItem[] = [];
  appends.forEach(({ index, input, ticket, original }, n) => {
    const current = changed.get(ticket.id);
    if (!added[n]) {
      outcomes[index] = { kind: 'duplicate', ticket: current ?? ticket };
      return;
    }
    const updated: Ticket = current ?? { ...ticket };
    touch(updated, { userId: input.message.authorId, isAgent: input.authorIsAgent }, now);
    const reopened = updated.status === 'pending' && !input.authorIsAgent;
    if (reopened) {
      applyStatus(updated, 'open', now);
      reopenedBy.push({ ticket: updated, authorId: input.message.authorId });
    }
    changed.set(ticket.id, updated);
    mailed.push(messageMail(updated, input.message));
    if (original) {
      relayed.push({ ticket: updated, original, message: input.message });
      outcomes[index] = { kind: 'joined_follow_up', original, followUp: updated };
    } else {
      outcomes[index] = { kind: 'recorded', ticket: updated, reopened };
    }
  });
  await repos.tickets.saveAll([...changed.values()]);
  if (relayed.length > 0) await relayFromClosedThreads(repos, deps, relayed, now);
  // One statement for the whole batch, none when no ticket has an e-mail person (the chat hot path).
  await mailTicketPeople(repos, deps, mailed, now);

  for (const { ticket, authorId } of reopenedBy) {
    await repos.events.add(ticket.id, authorId, 'status_changed', { from: 'pending', to: 'open', reason: 'customer_reply' }, now);
    await announceStatus(repos, deps, ticket, authorId, now);
  }
  return outcomes;
}

/** The newest follow-up that is not closed of each closed ticket among `tickets` (none closed: no statement). */
export async function liveFollowUps(repos: Repositories, tickets: readonly Ticket[]): Promise<Map<string, Ticket>> {
  const closed = tickets.filter((t) => t.status === 'closed').map((t) => t.id);
  const found = new Map<string, Ticket>();
  if (closed.length === 0) return found;
  for (const followUp of await repos.tickets.lockLiveFollowUps(closed)) {
    if (followUp.followUpOf && !found.has(followUp.followUpOf)) found.set(followUp.followUpOf, followUp);
  }
  return found;
}

/** Messages that joined a follow-up from the closed ticket's thread are copied into the follow-up's thread. */
async function relayFromClosedThreads(repos: Repositories, deps: UseCaseDeps, relayed: { ticket: Ticket; original: Ticket; message: ChatMessage }[], now: Date): Promise<void> {
  const locale = await localesOf(repos, deps, relayed.map(({ ticket }) => ({ workspaceId: ticket.workspaceId, userId: ticket.requesterId })));
  await repos.outbox.enqueueMany(relayed.map(({ ticket, original, message }) => relayPost(ticket, message, {
    key: 'notices.relayed_from_closed',
    params: { number: ticket.number, original: original.number, person: message.authorId },
    locale: locale(ticket.workspaceId, ticket.requesterId),
  })), now);
}

/**
 * Replies in threads that are no ticket's: in a thread that was split, the message is kept in the
 * conversation log (an agent may add it to a ticket) and the outcome names the tickets.
 */
async function answerSplitThreads(repos: Repositories, inputs: readonly ThreadMessageInput[], strays: readonly number[], outcomes: ThreadMessageOutcome[]): Promise<void> {
  const threads = new Map<string, ThreadKey>();
  for (const index of strays) {
    const { workspaceId, message: { channelId, threadId } } = inputs[index];
    threads.set(threadKey({ workspaceId, channelId, threadId: threadId! }), { workspaceId, channelId, threadId: threadId! });
  }
  const splits = new Map<string, Ticket[]>();
  for (const { thread, ticket } of await repos.tickets.splitsOf([...threads.values()])) {
    const key = threadKey(thread);
    splits.set(key, [...(splits.get(key) ?? []), ticket]);
  }
  if (splits.size === 0) return;
  for (const index of strays) {
    const { workspaceId, platform, message } = inputs[index];
    const tickets = splits.get(threadKey({ workspaceId, channelId: message.channelId, threadId: message.threadId! }));
    if (!tickets) continue;
    await repos.conversations.record(workspaceId, platform, message);
    outcomes[index] = { kind: 'split_thread', tickets };
  }
}

export async function openFollowUp(repos: Repositories, deps: UseCaseDeps, input: ThreadMessageInput, ticket: Ticket, now: Date): Promise<ThreadMessageOutcome> {
  const { message } = input;
  const earlier = (await repos.events.list(ticket.id)).find((e) => e.type === 'follow_up_opened' && e.data.messageId === message.id);
  if (earlier) return { kind: 'duplicate', ticket };
  const locale = await localeOf(repos, deps, input.workspaceId, message.authorId);
  const followUp = await openTicketIn(repos, deps, {
    actor: { workspaceId: input.workspaceId, platform: input.platform, userId: message.authorId, isAgent: input.authorIsAgent, locale },
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
  const notice = { key: 'notices.follow_up_opened', params: { number: ticket.number, followUp: followUp.number } };
  await postThreadNotice(repos, ticket, { ...notice, locale: originalLocale }, now);
  // The closed ticket's e-mail people hear of it under the follow-up's number and title, so their replies join it.
  const also = emailPeopleOf(ticket);
  await mailTicketPeople(repos, deps, [{ ...messageMail(followUp, message), also }, { ticket: followUp, what: { type: 'notice', ...notice }, also }], now);
  return { kind: 'follow_up', original: ticket, followUp };
}
