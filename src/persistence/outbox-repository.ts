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
    // unnest keeps the insert order (ids ascend in it), which per-thread delivery order relies on.
    await this.em.query(
      `INSERT INTO outbox (workspace_id, platform, ordering_key, ticket_number, kind, payload, available_at, created_at)
       SELECT w, p, k, n, kind, payload, $7, now()
       FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::jsonb[]) WITH ORDINALITY AS u(w, p, k, n, kind, payload, i)
       ORDER BY i`,
      [
        posts.map((p) => p.workspaceId),
        posts.map((p) => p.platform),
        posts.map((p) => p.orderingKey),
        posts.map((p) => p.ticketNumber),
        posts.map((p) => p.body.kind),
        posts.map((p) => JSON.stringify(p.body)),
        availableAt,
      ],
    );
  }
}
