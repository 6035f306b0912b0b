import { ChamadoError } from '../errors';
import type { Actor, Priority, Ticket } from '../ticket';
import { localeOf, postCardUpdate, postThreadNotice, requireAgent, touch, visibleTicket, type UseCaseDeps } from './shared';

export async function setPriority(deps: UseCaseDeps, actor: Actor, number: number, priority: Priority): Promise<Ticket> {
  requireAgent(actor);
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    if (ticket.priority === priority) throw new ChamadoError('already_priority', { number, priority });
    const now = deps.clock.now();
    const from = ticket.priority;
    ticket.priority = priority;
    // A person's change: keeps a Pending ticket alive and, by an agent, is a first response.
    touch(ticket, actor, now);
    await repos.tickets.save(ticket);
    await repos.events.add(ticket.id, actor.userId, 'priority_changed', { from, to: priority }, now);
    await postCardUpdate(repos, ticket, now);
    const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
    await postThreadNotice(repos, ticket, { key: 'notices.priority_changed', params: { number: ticket.number, priority, actor: actor.userId }, locale }, now);
    return ticket;
  });
}
