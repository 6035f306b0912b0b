import type { EntityManager } from 'typeorm';
import type { SweepRepository, SweepTicket } from '../core';

interface SweepRow {
  id: string;
  workspace_id: string;
  platform: SweepTicket['platform'];
  number: number;
  title: string;
  requester_id: string;
  assignee_id: string | null;
  pending_since: Date | null;
  reminder_steps_sent: number;
  created_at: Date;
}

const COLUMNS = 'id, workspace_id, platform, number, title, requester_id, assignee_id, pending_since, reminder_steps_sent, created_at';

function toTicket(r: SweepRow): SweepTicket {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    platform: r.platform,
    number: r.number,
    title: r.title,
    requesterId: r.requester_id,
    assigneeId: r.assignee_id,
    pendingSince: r.pending_since,
    reminderStepsSent: r.reminder_steps_sent,
    createdAt: r.created_at,
  };
}

/** TypeORM answers an UPDATE with [rows, affected]. */
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/**
 * The sweep's queries, each served by a partial index (tickets_pending_due, tickets_sla_due) so a
 * sweep over a large table reads only the tickets that may be due.
 */
export class TypeormSweepRepository implements SweepRepository {
  constructor(private readonly em: EntityManager) {}

  async claimDueReminders(now: Date, steps: readonly number[], limit: number): Promise<SweepTicket[]> {
    // The first step bounds the index range; the array lookup picks the next step of each ticket.
    const rows: SweepRow[] = await this.em.query(
      `SELECT ${COLUMNS} FROM tickets
       WHERE status = 'pending'
         AND pending_since <= $1::timestamptz - make_interval(secs => $2::float8 / 1000)
         AND reminder_steps_sent < cardinality($3::bigint[])
         AND pending_since + make_interval(secs => ($3::bigint[])[reminder_steps_sent + 1]::float8 / 1000) <= $1
       ORDER BY pending_since
       LIMIT $4
       FOR UPDATE SKIP LOCKED`,
      [now, steps[0], steps, limit],
    );
    return rows.map(toTicket);
  }

  async markRemindersSent(ticketId: string, from: number, to: number): Promise<boolean> {
    const result: unknown = await this.em.query(
      `UPDATE tickets SET reminder_steps_sent = $3 WHERE id = $1 AND status = 'pending' AND reminder_steps_sent = $2`,
      [ticketId, from, to],
    );
    return affected(result) === 1;
  }

  async claimIdlePending(idleSince: Date, limit: number): Promise<SweepTicket[]> {
    // pending_since bounds the index range: a Pending period starts with a person's change.
    const rows: SweepRow[] = await this.em.query(
      `SELECT ${COLUMNS} FROM tickets
       WHERE status = 'pending' AND pending_since <= $1 AND last_activity_at <= $1
       ORDER BY pending_since
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [idleSince, limit],
    );
    return rows.map(toTicket);
  }

  async claimSlaDue(createdBefore: Date, limit: number): Promise<SweepTicket[]> {
    const rows: SweepRow[] = await this.em.query(
      `SELECT ${COLUMNS} FROM tickets
       WHERE status = 'open' AND first_response_at IS NULL AND sla_alerted_at IS NULL AND created_at <= $1
       ORDER BY created_at
       LIMIT $2
       FOR UPDATE SKIP LOCKED`,
      [createdBefore, limit],
    );
    return rows.map(toTicket);
  }

  async markSlaAlerted(ticketId: string, at: Date): Promise<boolean> {
    const result: unknown = await this.em.query(
      `UPDATE tickets SET sla_alerted_at = $2 WHERE id = $1 AND sla_alerted_at IS NULL AND status = 'open' AND first_response_at IS NULL`,
      [ticketId, at],
    );
    return affected(result) === 1;
  }
}
