import type { DataSource } from 'typeorm';
import type { Notice, PostBody } from '../../src/core';

/** A row of the outbox as tests read it; `payload` is the post's body (notice optional on every kind, for filters). */
export interface OutboxRow {
  id: string;
  kind: PostBody['kind'];
  ordering_key: string;
  status: string;
  attempts: number;
  last_error: string | null;
  payload: PostBody & { notice?: Notice };
}

/** The one way tests read the outbox: a ticket's posts (every post for null), oldest first, of one kind if given. */
export async function outboxRows(ds: DataSource, ticketId: string | null, kind?: PostBody['kind']): Promise<OutboxRow[]> {
  return ds.query(
    `SELECT id, kind, ordering_key, status, attempts, last_error, payload FROM outbox
     WHERE ($1::text IS NULL OR payload->>'ticketId' = $1) AND ($2::text IS NULL OR kind = $2) ORDER BY id`,
    [ticketId, kind ?? null],
  );
}

/** The bodies of a ticket's posts, oldest first. */
export async function postsFor(ds: DataSource, ticketId: string): Promise<PostBody[]> {
  return (await outboxRows(ds, ticketId)).map((r) => r.payload);
}

/** The notice keys (or the kind, for posts without a notice) of some outbox rows. */
export const noticeKeys = (rows: OutboxRow[]) => rows.map((r) => r.payload.notice?.key ?? r.kind);

/** How many posts of the whole outbox are still owed (status pending): 0 once the worker has caught up. */
export async function pendingPosts(ds: DataSource): Promise<number> {
  const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`);
  return n;
}

export async function eventsFor(ds: DataSource, ticketId: string): Promise<{ type: string; actor_id: string | null; data: Record<string, unknown> }[]> {
  return ds.query('SELECT type, actor_id, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId]);
}
