import type { ListFilter } from '../commands';
import type { Actor, Status, Ticket } from '../ticket';
import type { UseCaseDeps } from './shared';

export const LIST_LIMIT = 25;

const STATUSES_OF: Record<ListFilter, readonly Status[]> = {
  active: ['open', 'pending'],
  open: ['open'],
  pending: ['pending'],
  closed: ['closed'],
  all: ['open', 'pending', 'closed'],
};

/** The statuses a list filter word stands for. */
export const statusesOf = (filter: ListFilter): readonly Status[] => STATUSES_OF[filter];

/** "My tickets": where I am requester, assignee or CC'd, newest first. */
export function listMyTickets(deps: UseCaseDeps, actor: Actor, filter: ListFilter, limit = LIST_LIMIT): Promise<Ticket[]> {
  return deps.store.tickets.listForUser(actor.workspaceId, actor.userId, STATUSES_OF[filter], limit);
}

export interface HomeView {
  active: Ticket[];
  recentlyClosed: Ticket[];
  /** Agents only: open tickets nobody has claimed yet. */
  unassigned: Ticket[];
}

/** What a person's home (Slack App Home, Teams personal list) shows. */
export async function homeView(deps: UseCaseDeps, actor: Actor): Promise<HomeView> {
  const [active, recentlyClosed, unassigned] = await Promise.all([
    deps.store.tickets.listForUser(actor.workspaceId, actor.userId, ['open', 'pending'], 40),
    deps.store.tickets.listForUser(actor.workspaceId, actor.userId, ['closed'], 10),
    actor.isAgent ? deps.store.tickets.listUnassigned(actor.workspaceId, 15) : Promise.resolve([]),
  ]);
  return { active, recentlyClosed, unassigned };
}
