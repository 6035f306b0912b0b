import type { DataSource } from 'typeorm';
import { changeStatus, openTicket, type Ticket, type UseCaseDeps } from '../../src/core';
import { person } from './core-fixture';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export const customer = person('U_CUST');
export const agent = person('U_AGENT', true);

/** A ticket opened by the customer and put to Pending by an agent at the clock's now. */
export async function pendingTicket(deps: UseCaseDeps, title = 'VPN drops'): Promise<Ticket> {
  const ticket = await openTicket(deps, { actor: customer, title, channelId: 'C1' });
  return changeStatus(deps, agent, ticket.number, 'pending');
}

export async function ticketRow(ds: DataSource, id: string): Promise<Record<string, unknown>> {
  // reminder_steps_sent: the Pending period's steps, from the schedule (null when not Pending).
  const [row] = await ds.query(
    `SELECT t.status, t.close_reason, s.steps_sent AS reminder_steps_sent, t.sla_alerted_at, t.pending_since, t.last_activity_at
     FROM tickets t LEFT JOIN reminder_schedule s ON s.ticket_id = t.id WHERE t.id = $1`,
    [id],
  );
  return row;
}
