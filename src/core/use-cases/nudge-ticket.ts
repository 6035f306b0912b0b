import { ChamadoError } from '../errors';
import type { Actor, Ticket } from '../ticket';
import { localeOf, postThreadNotice, visibleTicket, type UseCaseDeps } from './shared';

/** The requester or a CC asks for an update: the assignee (or, with none, the agents) is mentioned in the thread. */
export async function nudgeTicket(deps: UseCaseDeps, actor: Actor, number: number): Promise<Ticket> {
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    if (ticket.requesterId !== actor.userId && !ticket.ccIds.includes(actor.userId)) throw new ChamadoError('not_allowed', { number });
    if (ticket.status === 'closed') throw new ChamadoError('ticket_closed', { number });
    const now = deps.clock.now();
    ticket.lastActivityAt = now;
    ticket.lastCustomerActivityAt = now;
    ticket.updatedAt = now;
    await repos.tickets.save(ticket);
    await repos.events.add(ticket.id, actor.userId, 'nudged', { assigneeId: ticket.assigneeId }, now);
    const locale = ticket.assigneeId
      ? await localeOf(repos, deps, ticket.workspaceId, ticket.assigneeId)
      : deps.settings.defaultLocale;
    await postThreadNotice(repos, ticket, {
      key: ticket.assigneeId ? 'notices.nudge_assignee' : 'notices.nudge_agents',
      params: { number: ticket.number, actor: actor.userId },
      locale,
      mentions: ticket.assigneeId ? [ticket.assigneeId] : [],
      mentionAgents: !ticket.assigneeId,
    }, now);
    return ticket;
  });
}
