import type { Status, Ticket } from './ticket';

export type CloseReason = 'closed_by_agent' | 'closed_by_requester' | 'auto_closed';

/** Moves a ticket to a status and keeps the fields the sweep and reports depend on consistent. */
export function applyStatus(ticket: Ticket, status: Status, at: Date, reason: CloseReason | null = null): void {
  ticket.status = status;
  ticket.updatedAt = at;
  // A new pendingSince starts a new Pending period, whose reminders start again from the first step.
  ticket.pendingSince = status === 'pending' ? at : null;
  if (status === 'closed') {
    ticket.closedAt = at;
    ticket.closeReason = reason;
  } else {
    ticket.closedAt = null;
    ticket.closeReason = null;
  }
}
