import { ChamadoError } from '../errors';
import type { Actor, ChatMessage, Ticket } from '../ticket';
import { openTicketIn } from './open-ticket';
import { localeOf, requireAgent, type UseCaseDeps } from './shared';

export const MAX_SPLIT_SLOTS = 5;

export interface SplitSlot {
  title: string;
  messageIds: string[];
}

export interface SplitInput {
  actor: Actor;
  /** The conversation being split: the thread, or the channel around a top-level message. */
  channelId: string;
  threadId: string | null;
  slots: SplitSlot[];
  /** The conversation's messages the adapter could see, by id; slot ids must come from here. */
  messages: ChatMessage[];
}

/** Coded so the adapter can show the error next to the slot it concerns. */
export class SplitSlotError extends ChamadoError {
  constructor(readonly slot: number, code: 'split_slot_without_messages' | 'title_required' | 'message_not_found') {
    super(code, { slot });
  }
}

/**
 * One ticket per problem: every slot with a title and at least one message becomes a ticket
 * holding exactly those messages; the source conversation is told every new number and title.
 */
export async function splitConversation(deps: UseCaseDeps, input: SplitInput): Promise<Ticket[]> {
  requireAgent(input.actor);
  const byId = new Map(input.messages.map((m) => [m.id, m]));
  const used = input.slots
    .map((slot, index) => ({ slot, index: index + 1, title: slot.title.trim(), ids: [...new Set(slot.messageIds)] }))
    .filter((s) => s.title !== '' || s.ids.length > 0);
  if (used.length === 0) throw new ChamadoError('split_needs_slots');
  for (const s of used) {
    if (s.title === '') throw new SplitSlotError(s.index, 'title_required');
    if (s.ids.length === 0) throw new SplitSlotError(s.index, 'split_slot_without_messages');
    if (s.ids.some((id) => !byId.has(id))) throw new SplitSlotError(s.index, 'message_not_found');
  }

  return deps.store.transaction(async (repos) => {
    const tickets: Ticket[] = [];
    for (const s of used) {
      const messages = s.ids.map((id) => byId.get(id)!);
      const customer = [...messages].sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime()).find((m) => m.authorId !== input.actor.userId);
      tickets.push(await openTicketIn(repos, deps, {
        actor: input.actor,
        title: s.title,
        channelId: input.channelId,
        source: { channelId: input.channelId, threadId: input.threadId },
        messages,
        requesterId: customer?.authorId ?? input.actor.userId,
      }));
    }
    const now = deps.clock.now();
    // Later messages in the thread join no ticket by themselves; their writers are told where each problem went.
    if (input.threadId) await repos.tickets.recordSplit({ workspaceId: input.actor.workspaceId, channelId: input.channelId, threadId: input.threadId }, tickets.map((t) => t.id));
    const locale = await localeOf(repos, deps, input.actor.workspaceId, tickets[0].requesterId);
    await repos.outbox.enqueue({
      workspaceId: input.actor.workspaceId,
      platform: input.actor.platform,
      orderingKey: `conversation:${input.channelId}:${input.threadId ?? ''}`,
      ticketNumber: null,
      body: {
        kind: 'conversation_notice',
        channelId: input.channelId,
        threadId: input.threadId,
        notice: {
          key: 'notices.split_summary',
          params: { count: tickets.length, numbers: tickets.map((t) => `#${t.number}`).join(', ') },
          locale,
          tickets: tickets.map((t) => ({ number: t.number, title: t.title })),
        },
      },
    }, now);
    return tickets;
  });
}
