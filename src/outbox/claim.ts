import type { DataSource } from 'typeorm';
import type { PostBody } from '../core';
import type { PendingPost } from './delivery';

/** A claimed outbox row: the post plus when it was enqueued (for latency logs). */
export interface ClaimedPost extends PendingPost {
  createdAt: Date;
}

interface ClaimedRow {
  id: string;
  workspace_id: string;
  platform: PendingPost['platform'];
  ordering_key: string;
  ticket_number: number | null;
  payload: PostBody;
  attempts: number;
  created_at: Date;
}

/**
 * Claims the first pending post of each ordering key (so one thread's posts go out in order, and a
 * reply waits for its card), skipping rows another instance holds. The claim is a lease: when its
 * holder dies, `locked_until` passes and any instance takes the row over.
 *
 * Candidates are read in `outbox_due` index order (available_at, id) so the scan stops after
 * `limit` heads however large the backlog; the NOT EXISTS probe uses `outbox_ordering`.
 */
export async function claimDue(dataSource: DataSource, instanceId: string, now: Date, limit: number, leaseMs: number): Promise<ClaimedPost[]> {
  const result: ClaimedRow[] | [ClaimedRow[], number] = await dataSource.query(
    `UPDATE outbox o SET locked_by = $1, locked_until = $2::timestamptz + make_interval(secs => $4::float8 / 1000)
     WHERE o.id IN (
       SELECT c.id FROM outbox c
       WHERE c.status = 'pending' AND c.available_at <= $2
         AND (c.locked_until IS NULL OR c.locked_until < $2)
         AND NOT EXISTS (SELECT 1 FROM outbox e WHERE e.ordering_key = c.ordering_key AND e.status = 'pending' AND e.id < c.id)
       ORDER BY c.available_at, c.id
       LIMIT $3
       FOR UPDATE SKIP LOCKED
     )
     RETURNING o.id, o.workspace_id, o.platform, o.ordering_key, o.ticket_number, o.payload, o.attempts, o.created_at`,
    [instanceId, now, limit, leaseMs],
  );
  // TypeORM answers an UPDATE … RETURNING with [rows, count].
  const rows = (Array.isArray(result[0]) ? result[0] : result) as ClaimedRow[];
  return rows.map((r) => ({
    id: String(r.id),
    workspaceId: r.workspace_id,
    platform: r.platform,
    orderingKey: r.ordering_key,
    ticketNumber: r.ticket_number,
    body: r.payload,
    attempts: r.attempts,
    createdAt: r.created_at,
  }));
}
