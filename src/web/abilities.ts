import { mayChangeStatus, type Actor, type Ticket } from '../core';

/**
 * Which forms the ticket page offers. Only a convenience: every POST still goes through the use
 * case, whose permission check is the one that counts.
 */
export interface Abilities {
  close: boolean;
  reopen: boolean;
  status: boolean;
  claim: boolean;
  assign: boolean;
  priority: boolean;
  cc: boolean;
  /** May take this CC off: agents and the requester anyone, a CC'd person themselves. */
  uncc(userId: string): boolean;
}

export function abilitiesOf(ticket: Ticket, actor: Actor): Abilities {
  const manages = actor.isAgent || ticket.requesterId === actor.userId;
  return {
    close: ticket.status !== 'closed' && mayChangeStatus(ticket, actor, 'closed'),
    reopen: ticket.status === 'closed' && mayChangeStatus(ticket, actor, 'open'),
    status: actor.isAgent,
    claim: actor.isAgent && ticket.assigneeId !== actor.userId,
    assign: actor.isAgent,
    priority: actor.isAgent,
    cc: manages,
    uncc: (userId) => manages || userId === actor.userId,
  };
}
