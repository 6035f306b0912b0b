import { ChamadoError } from '../errors';
import { hasTriage } from '../ports';
import type { Actor, Ticket } from '../ticket';
import { postThreadNotice, visibleTicket, type UseCaseDeps } from './shared';

/** The requester or a CC asks for an update: the assignee is mentioned in the thread (with none, the triage channel is told). */
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
    // An alert for agents (contract §8): in their language, naming the assignee alone, inside the
    // sentence so it reads as one person asking another; unassigned, it names no agent and goes to triage.
    const locale = deps.settings.defaultLocale;
    const params = { number: ticket.number, actor: actor.userId };
    if (ticket.assigneeId) {
      await postThreadNotice(repos, ticket, { key: 'notices.nudge_assignee', params: { ...params, person: ticket.assigneeId }, locale, mentions: [ticket.assigneeId] }, now);
    } else {
      await postThreadNotice(repos, ticket, { key: 'notices.nudge_agents', params, locale }, now);
      if (hasTriage(deps.settings, ticket.platform)) await repos.outbox.enqueue({
        workspaceId: ticket.workspaceId,
        platform: ticket.platform,
        orderingKey: `triage:${ticket.workspaceId}`,
        ticketNumber: ticket.number,
        body: { kind: 'triage_announcement', ticketId: ticket.id, notice: { key: 'notices.nudge_triage', params: { ...params, title: ticket.title }, locale } },
      }, now);
    }
    return ticket;
  });
}
