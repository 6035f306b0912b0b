import type { Priority, Status } from './ticket';

/**
 * The audit trail's entries (`ticket_events`: `type` and `data`). The table is public, so each
 * `type` string and the shape of its `data` are kept as they are written today.
 */
export interface AuditEventData {
  created: {
    title: string;
    requesterId: string;
    messageIds: string[];
    /** The closed ticket's number, for a follow-up. */
    followUpOf: number | null;
    source: { channelId: string; threadId: string | null } | null;
  };
  status_changed: {
    from: Status;
    to: Status;
    /** Why, when a person did not simply choose it (customer_reply, auto_closed, …). */
    reason: string | null;
    /** Reopened instead of this follow-up. */
    followUp?: number;
    /** Closed in favour of this original. */
    original?: number;
  };
  follow_up_opened: { number: number; ticketId: string; messageId: string };
  nudged: { assigneeId: string | null };
  cc_added: { userIds: string[] };
  cc_removed: { userIds: string[] };
  priority_changed: { from: Priority; to: Priority };
  assigned: { from: string | null; to: string };
}

export type AuditEventType = keyof AuditEventData;

/** One entry, its `type` telling what its `data` holds. */
export type AuditEvent = { [T in AuditEventType]: { type: T; data: AuditEventData[T] } }[AuditEventType];

/** An entry as the trail keeps it. */
export type StoredAuditEvent = AuditEvent & { actorId: string | null; createdAt: Date };
