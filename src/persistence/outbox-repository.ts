import type { EntityManager } from 'typeorm';
import type { OutboundPost, OutboxPort } from '../core';

/** Writes a post into the outbox inside the caller's transaction; the delivery worker sends it. */
export class TypeormOutbox implements OutboxPort {
  constructor(private readonly em: EntityManager) {}

  async enqueue(post: OutboundPost, availableAt: Date): Promise<void> {
    await this.enqueueMany([post], availableAt);
  }

  async enqueueMany(posts: readonly OutboundPost[], availableAt: Date): Promise<void> {
    if (posts.length === 0) return;
    // The posts travel as one JSON document: one JSON.stringify, where a jsonb[] parameter has the
    // driver escape every payload character by character, a large share of a sweep's CPU.
    // ORDER BY i keeps the insert order (ids ascend in it), which per-thread delivery order relies on.
    await this.em.query(
      `INSERT INTO outbox (workspace_id, platform, ordering_key, ticket_number, kind, payload, available_at, created_at)
       SELECT p->>'w', p->>'p', p->>'k', (p->>'n')::int, p->'b'->>'kind', p->'b', $2, now()
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS u(p, i)
       ORDER BY i`,
      [JSON.stringify(posts.map((p) => ({ w: p.workspaceId, p: p.platform, k: p.orderingKey, n: p.ticketNumber, b: p.body }))), availableAt],
    );
  }
}
