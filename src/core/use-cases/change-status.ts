import { ChamadoError } from '../errors';
import { applyStatus } from '../lifecycle';
import type { Actor, Status, Ticket } from '../ticket';
import { announceStatus, touch, visibleTicket, type UseCaseDeps } from './shared';

/**
 * Only agents change status freely; a requester may close and reopen their own ticket; any
 * other change by a non-agent is refused and changes nothing.
 */
export function mayChangeStatus(ticket: Ticket, actor: Actor, to: Status): boolean {
  if (actor.isAgent) return true;
  return ticket.requesterId === actor.userId && (to === 'closed' || to === 'open');
}

export async function changeStatus(deps: UseCaseDeps, actor: Actor, number: number, to: Status): Promise<Ticket> {
  return deps.store.transaction(async (repos) => {
    const ticket = await visibleTicket(repos, actor, number, true);
    if (!mayChangeStatus(ticket, actor, to)) throw new ChamadoError('not_allowed', { number });
    if (ticket.status === to) throw new ChamadoError('already_in_status', { number, status: to });
    const now = deps.clock.now();
    const from = ticket.status;
    applyStatus(ticket, to, now, to === 'closed' ? (actor.isAgent ? 'closed_by_agent' : 'closed_by_requester') : null);
    touch(ticket, actor, now);
    await repos.tickets.save(ticket);
    await repos.events.add(ticket.id, actor.userId, 'status_changed', { from, to, reason: ticket.closeReason }, now);
    await announceStatus(repos, deps, ticket, actor.userId, now);
    return ticket;
  });
}
