import type { Platform, Priority, Status, Ticket } from '../core';

/**
 * A row of `tickets` as node-postgres returns it (contract §7), plus `cc_ids` where a statement
 * selects the CC list. Every ticket statement in ticket-sql.ts reads and writes these names, and
 * `toTicket` is the one place a row becomes a ticket. `test/integration/persistence/ticket-sql.test.ts`
 * checks the names against the table.
 */
export interface TicketRecord {
  id: string;
  workspace_id: string;
  platform: Platform;
  number: number;
  title: string;
  status: Status;
  priority: Priority;
  requester_id: string;
  assignee_id: string | null;
  follow_up_of: string | null;
  channel_id: string;
  thread_id: string | null;
  source_channel_id: string | null;
  source_thread_id: string | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
  pending_since: Date | null;
  last_activity_at: Date;
  last_customer_activity_at: Date | null;
  first_response_at: Date | null;
  sla_alerted_at: Date | null;
}

/** A ticket row with its CC list (oldest first), as the statements that select `cc_ids` answer. */
export type TicketWithCcs = TicketRecord & { cc_ids: string[] };

/** A ticket without its CC list: what the sweep reads. */
export type TicketFields = Omit<Ticket, 'ccIds'>;

/** The one mapping from a `tickets` row to the core's ticket. */
export function ticketFields(r: TicketRecord): TicketFields {
  return {
    id: r.id,
    workspaceId: r.workspace_id,
    platform: r.platform,
    number: r.number,
    title: r.title,
    status: r.status,
    priority: r.priority,
    requesterId: r.requester_id,
    assigneeId: r.assignee_id,
    followUpOf: r.follow_up_of,
    channelId: r.channel_id,
    threadId: r.thread_id,
    sourceChannelId: r.source_channel_id,
    sourceThreadId: r.source_thread_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    closedAt: r.closed_at,
    closeReason: r.close_reason,
    pendingSince: r.pending_since,
    lastActivityAt: r.last_activity_at,
    lastCustomerActivityAt: r.last_customer_activity_at,
    firstResponseAt: r.first_response_at,
    slaAlertedAt: r.sla_alerted_at,
  };
}

export const toTicket = (r: TicketWithCcs): Ticket => ({ ...ticketFields(r), ccIds: r.cc_ids });

/** The way back: a ticket as a row for `jsonb_populate_record(set)(NULL::tickets, …)`; a new ticket has no `id` yet. */
export function toRecord(t: Omit<TicketFields, 'id'> & { id?: string }): Omit<TicketRecord, 'id'> & { id?: string } {
  return {
    id: t.id,
    workspace_id: t.workspaceId,
    platform: t.platform,
    number: t.number,
    title: t.title,
    status: t.status,
    priority: t.priority,
    requester_id: t.requesterId,
    assignee_id: t.assigneeId,
    follow_up_of: t.followUpOf,
    channel_id: t.channelId,
    thread_id: t.threadId,
    source_channel_id: t.sourceChannelId,
    source_thread_id: t.sourceThreadId,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
    closed_at: t.closedAt,
    close_reason: t.closeReason,
    pending_since: t.pendingSince,
    last_activity_at: t.lastActivityAt,
    last_customer_activity_at: t.lastCustomerActivityAt,
    first_response_at: t.firstResponseAt,
    sla_alerted_at: t.slaAlertedAt,
  };
}
