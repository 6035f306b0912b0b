import { ChamadoError } from '../errors';
import type { Actor, Ticket } from '../ticket';
import { localeOf, postThreadNotice, touch, visibleTicket, type UseCaseDeps } from './shared';

/**
 * Agents and the requester CC colleagues on a ticket and take them off again; a CC'd person
 * may always take themselves off.
 */
export async function changeCc(deps: UseCaseDeps, actor: Actor, number: number, userIds: string[], add: boolean): Promise<{ ticket: Ticket; changed: string[] }> {
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    const selfRemoval = !add && userIds.length === 1 && userIds[0] === actor.userId;
    if (!actor.isAgent && ticket.requesterId !== actor.userId && !selfRemoval) throw new ChamadoError('not_allowed', { number });
    const changed = add
      ? userIds.filter((id) => !ticket.ccIds.includes(id) && id !== ticket.requesterId && id !== ticket.assigneeId)
      : userIds.filter((id) => ticket.ccIds.includes(id));
    if (changed.length === 0) throw new ChamadoError(add ? 'already_cc' : 'not_cc', { number });
    const now = deps.clock.now();
    ticket.ccIds = add ? [...ticket.ccIds, ...changed] : ticket.ccIds.filter((id) => !changed.includes(id));
    // A person's change: keeps a Pending ticket alive and, by an agent, is a first response.
    touch(ticket, actor, now);
    await repos.tickets.save(ticket);
    await repos.tickets.saveParticipants(ticket);
    await repos.events.add(ticket.id, actor.userId, add ? 'cc_added' : 'cc_removed', { userIds: changed }, now);
    const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
    await postThreadNotice(repos, ticket, {
      key: add ? 'notices.cc_added' : 'notices.cc_removed',
      params: { number: ticket.number, people: changed.join(','), actor: actor.userId },
      locale,
      mentions: add ? changed : [],
    }, now);
    return { ticket, changed };
  });
}
