import type { EntityManager } from 'typeorm';
import type { OutboundPost, OutboxPort } from '../core';

/** Writes a post into the outbox inside the caller's transaction; the delivery worker sends it. */
export class TypeormOutbox implements OutboxPort {
  constructor(private readonly em: EntityManager) {}

  async enqueue(post: OutboundPost, availableAt: Date): Promise<void> {
    await this.em.query(
      `INSERT INTO outbox (workspace_id, platform, ordering_key, ticket_number, kind, payload, available_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())`,
      [post.workspaceId, post.platform, post.orderingKey, post.ticketNumber, post.body.kind, JSON.stringify(post.body), availableAt],
    );
  }
}
