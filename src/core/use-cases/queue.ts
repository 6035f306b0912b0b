import type { QueueFilter } from '../commands';
import type { QueueQuery } from '../ports';
import type { Actor, Ticket } from '../ticket';
import { requireAgent, type UseCaseDeps } from './shared';

export const QUEUE_LIMIT = 20;

export interface QueueView {
  filter: QueueFilter;
  tickets: Ticket[];
  /** Tickets the filter holds beyond those shown. */
  more: number;
  /** When the queue was read: how long each ticket has waited is counted to here. */
  at: Date;
}

const QUERY_OF: Record<QueueFilter, Pick<QueueQuery, 'statuses' | 'assignee'>> = {
  active: { statuses: ['open', 'pending'] },
  open: { statuses: ['open'] },
  pending: { statuses: ['pending'] },
  unassigned: { statuses: ['open', 'pending'], assignee: 'none' },
};

/**
 * `queue [open|pending|unassigned]` (agents): the workspace's tickets that are not closed,
 * unassigned first, then by priority (urgent first), then the longest waiting (oldest) first.
 */
export async function workQueue(deps: UseCaseDeps, actor: Actor, filter: QueueFilter, limit = QUEUE_LIMIT): Promise<QueueView> {
  requireAgent(actor);
  const { tickets, total } = await deps.store.queries.queue({ workspaceId: actor.workspaceId, ...QUERY_OF[filter], limit });
  return { filter, tickets, more: Math.max(0, total - tickets.length), at: deps.clock.now() };
}
