import { ChamadoError } from '../errors';
import { applyStatus } from '../lifecycle';
import type { Actor, Ticket } from '../ticket';
import { announceStatus, requireAgent, touch, visibleTicket, type UseCaseDeps } from './shared';

/**
 * An agent decides a follow-up is really the old problem: the original is reopened and the
 * follow-up closed, both announced in their threads. Agents only.
 */
export async function reopenOriginal(deps: UseCaseDeps, actor: Actor, followUpNumber: number): Promise<{ original: Ticket; followUp: Ticket }> {
  requireAgent(actor);
  return deps.store.transaction(async (repos) => {
    const followUp = await visibleTicket(repos, actor, followUpNumber, true);
    const original = followUp.followUpOf ? await repos.tickets.byId(followUp.followUpOf) : null;
    if (!original) throw new ChamadoError('ticket_not_found', { number: followUpNumber });
    const locked = await visibleTicket(repos, actor, original.number, true);
    if (locked.status === 'open' && followUp.status === 'closed') throw new ChamadoError('already_in_status', { number: locked.number, status: locked.status });
    const now = deps.clock.now();
    if (locked.status !== 'open') {
      const from = locked.status;
      applyStatus(locked, 'open', now);
      touch(locked, actor, now);
      await repos.tickets.save(locked);
      await repos.events.add(locked.id, actor.userId, 'status_changed', { from, to: 'open', reason: 'reopened_from_follow_up', followUp: followUp.number }, now);
      await announceStatus(repos, deps, locked, actor.userId, now);
    }
    if (followUp.status !== 'closed') {
      const from = followUp.status;
      applyStatus(followUp, 'closed', now, 'closed_by_agent');
      touch(followUp, actor, now);
      await repos.tickets.save(followUp);
      await repos.events.add(followUp.id, actor.userId, 'status_changed', { from, to: 'closed', reason: 'merged_into_original', original: locked.number }, now);
      await announceStatus(repos, deps, followUp, actor.userId, now);
    }
    return { original: locked, followUp };
  });
}
