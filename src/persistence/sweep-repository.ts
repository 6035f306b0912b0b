import type { EntityManager } from 'typeorm';
import type { DueReminder, SweepRepository, SweepTicket } from '../core';
import { returnedRows } from './returning';
import { ticketFields, type TicketRecord } from './ticket-record';
import { TICKET_COLUMNS } from './ticket-sql';

const updatedIds = (result: unknown): Set<string> => new Set(returnedRows<{ id: string }>(result).map((r) => r.id));

/**
 * The sweep's queries, each served by an index that holds only what may be due
 * (reminder_schedule_due, and the partial tickets_pending_due and tickets_sla_due), so a sweep over
 * a large table reads only the tickets that may be due.
 */
export class TypeormSweepRepository implements SweepRepository {
  constructor(private readonly em: EntityManager) {}

  async claimDueReminders(now: Date, steps: readonly number[], limit: number): Promise<DueReminder[]> {
    // One range of reminder_schedule_due per step: Pending tickets that have had exactly `sent`
    // reminders and went Pending at least steps[sent] ago. Only due rows are read, so a claim costs
    // the same however many Pending tickets already had their reminders. The ticket row is locked
    // too, as every writer of a ticket does: a ticket the auto-close holds is skipped, not reminded.
    const claimed: DueReminder[] = [];
    for (let sent = 0; sent < steps.length && claimed.length < limit; sent++) {
      const rows: (TicketRecord & { steps_sent: number })[] = await this.em.query(
        `SELECT ${TICKET_COLUMNS}, s.steps_sent
         FROM reminder_schedule s JOIN tickets t ON t.id = s.ticket_id
         WHERE s.steps_sent = $1
           AND s.pending_since <= $2::timestamptz - make_interval(secs => $3::float8 / 1000)
         ORDER BY s.pending_since
         LIMIT $4
         FOR UPDATE OF s, t SKIP LOCKED`,
        [sent, now, steps[sent], limit - claimed.length],
      );
      claimed.push(...rows.map((r) => ({ ...ticketFields(r), reminderStepsSent: r.steps_sent })));
    }
    return claimed;
  }

  async markRemindersSent(marks: readonly { ticketId: string; from: number; to: number }[]): Promise<Set<string>> {
    if (marks.length === 0) return new Set();
    const result: unknown = await this.em.query(
      `UPDATE reminder_schedule s SET steps_sent = m.step_to
       FROM unnest($1::uuid[], $2::int[], $3::int[]) AS m(id, step_from, step_to)
       WHERE s.ticket_id = m.id AND s.steps_sent = m.step_from
       RETURNING s.ticket_id AS id`,
      [marks.map((m) => m.ticketId), marks.map((m) => m.from), marks.map((m) => m.to)],
    );
    return updatedIds(result);
  }

  async claimIdlePending(idleSince: Date, limit: number): Promise<SweepTicket[]> {
    // pending_since bounds the index range: a Pending period starts with a person's change.
    const rows: TicketRecord[] = await this.em.query(
      `SELECT ${TICKET_COLUMNS} FROM tickets t
       WHERE t.status = 'pending' AND t.pending_since <= $1 AND t.last_activity_at <= $1
       ORDER BY t.pending_since
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [idleSince, limit],
    );
    return rows.map(ticketFields);
  }

  async claimSlaDue(createdBefore: Date, limit: number): Promise<SweepTicket[]> {
    const rows: TicketRecord[] = await this.em.query(
      `SELECT ${TICKET_COLUMNS} FROM tickets t
       WHERE t.status = 'open' AND t.first_response_at IS NULL AND t.sla_alerted_at IS NULL AND t.created_at <= $1
       ORDER BY t.created_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [createdBefore, limit],
    );
    return rows.map(ticketFields);
  }

  async markSlaAlerted(ticketIds: readonly string[], at: Date): Promise<Set<string>> {
    if (ticketIds.length === 0) return new Set();
    const result: unknown = await this.em.query(
      `UPDATE tickets SET sla_alerted_at = $2
       WHERE id = ANY($1::uuid[]) AND sla_alerted_at IS NULL AND status = 'open' AND first_response_at IS NULL
       RETURNING id`,
      [ticketIds, at],
    );
    return updatedIds(result);
  }

}
