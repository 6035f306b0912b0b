import type { DataSource } from 'typeorm';
import type { PostBody } from '../../src/core';

/** The posts a ticket has queued, oldest first. */
export async function postsFor(ds: DataSource, ticketId: string): Promise<PostBody[]> {
  const rows: { payload: PostBody }[] = await ds.query(`SELECT payload FROM outbox WHERE payload->>'ticketId' = $1 ORDER BY id`, [ticketId]);
  return rows.map((r) => r.payload);
}

export async function eventsFor(ds: DataSource, ticketId: string): Promise<{ type: string; actor_id: string | null; data: Record<string, unknown> }[]> {
  return ds.query('SELECT type, actor_id, data FROM ticket_events WHERE ticket_id = $1 ORDER BY id', [ticketId]);
}
