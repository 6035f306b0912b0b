import { ChamadoError } from '../errors';
import type { Actor, Ticket } from '../ticket';
import { localeOf, postCardUpdate, postThreadNotice, requireAgent, touch, visibleTicket, type UseCaseDeps } from './shared';

/** `claim` (assignee = me) and `assign` (assignee = someone): agents only. */
export async function assignTicket(deps: UseCaseDeps, actor: Actor, number: number, assigneeId: string): Promise<Ticket> {
  requireAgent(actor);
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    if (ticket.assigneeId === assigneeId) throw new ChamadoError('already_assigned', { number, person: assigneeId });
    const now = deps.clock.now();
    const previous = ticket.assigneeId;
    ticket.assigneeId = assigneeId;
    ticket.ccIds = ticket.ccIds.filter((id) => id !== assigneeId);
    // A person's change: keeps a Pending ticket alive and, by an agent, is a first response.
    touch(ticket, actor, now);
    await repos.tickets.save(ticket);
    await repos.tickets.saveParticipants(ticket);
    await repos.events.add(ticket.id, actor.userId, 'assigned', { from: previous, to: assigneeId }, now);
    await postCardUpdate(repos, ticket, now);
    const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
    await postThreadNotice(repos, ticket, { key: 'notices.assigned', params: { number: ticket.number, person: assigneeId }, locale, mentions: [assigneeId] }, now);
    return ticket;
  });
}

export const claimTicket = (deps: UseCaseDeps, actor: Actor, number: number) => assignTicket(deps, actor, number, actor.userId);
