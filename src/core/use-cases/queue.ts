import type { QueueFilter } from '../commands';
import type { QueueQuery } from '../ports';
import type { Actor, Priority, Status, Ticket } from '../ticket';
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

/** What the web queue (`/queue`) filters by; every field narrows the `queue` command's whole queue. */
export interface QueueBrowse {
  statuses: readonly Exclude<Status, 'closed'>[];
  priority: Priority | null;
  /** `me`: assigned to the viewer; `none`: unassigned; null: anyone. */
  assignee: 'me' | 'none' | null;
  /** Words searched as `search` does, within the workspace; blank: no search. */
  words: string;
  /** 1-based. */
  page: number;
  pageSize: number;
}

export interface QueuePage {
  tickets: Ticket[];
  /** Tickets the whole filter holds, over every page. */
  total: number;
  page: number;
  pages: number;
  at: Date;
}

/** `/queue` (agents): one page of the queue in the `queue` command's order, filtered. */
export async function browseQueue(deps: UseCaseDeps, actor: Actor, browse: QueueBrowse): Promise<QueuePage> {
  requireAgent(actor);
  const page = Math.max(1, Math.floor(browse.page));
  const assignee = browse.assignee === 'me' ? { userId: actor.userId } : browse.assignee === 'none' ? 'none' as const : undefined;
  const { tickets, total } = await deps.store.queries.queue({
    workspaceId: actor.workspaceId,
    statuses: browse.statuses,
    assignee,
    priorities: browse.priority ? [browse.priority] : undefined,
    words: browse.words.trim() || undefined,
    limit: browse.pageSize,
    offset: (page - 1) * browse.pageSize,
  });
  return { tickets, total, page, pages: Math.max(1, Math.ceil(total / browse.pageSize)), at: deps.clock.now() };
}
