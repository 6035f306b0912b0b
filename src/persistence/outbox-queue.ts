import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { AttemptOutcome, ClaimedPost, OutboxQueue, OutboxWatch, PostBody } from '../core';
import { returnedRows } from './returning';

/** The channel the outbox insert trigger notifies (migration OutboxWakeUp). */
export const OUTBOX_CHANNEL = 'chamado_outbox';

interface ClaimedRow {
  id: string;
  workspace_id: string;
  platform: ClaimedPost['platform'];
  ordering_key: string;
  ticket_number: number | null;
  payload: PostBody;
  attempts: number;
  created_at: Date;
}

/** TypeORM answers an UPDATE with [rows, affected]. */
const affected = (result: unknown): number => (Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0);

/** The `outbox` table as one instance's delivery worker claims, finishes and watches it. */
export class TypeormOutboxQueue implements OutboxQueue {
  constructor(
    private readonly dataSource: DataSource,
    private readonly instanceId: string,
  ) {}

  /**
   * Candidates are read in `outbox_due` index order (available_at, id) so the scan stops after
   * `limit` heads however large the backlog; the NOT EXISTS probe uses `outbox_ordering`.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<ClaimedPost[]> {
    const result: unknown = await this.dataSource.query(
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
      [this.instanceId, now, limit, leaseMs],
    );
    return returnedRows<ClaimedRow>(result).map((r) => ({
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

  /** Written only `WHERE locked_by` is still this instance: after a lost lease, the new holder's outcome counts. */
  async finish(postId: string, attempt: number, outcome: AttemptOutcome): Promise<boolean> {
    const held = 'WHERE id = $1 AND locked_by = $2';
    const unlock = 'locked_by = NULL, locked_until = NULL';
    const key = [postId, this.instanceId];
    let result: unknown;
    switch (outcome.status) {
      case 'sent':
      case 'skipped':
        result = await this.dataSource.query(
          `UPDATE outbox SET status = $3, attempts = $4, sent_at = now(), result = $5, last_error = $6, ${unlock} ${held}`,
          [...key, outcome.status, attempt, JSON.stringify(outcome.status === 'sent' ? outcome.result : {}), outcome.status === 'skipped' ? outcome.reason : null],
        );
        break;
      case 'retry':
        result = await this.dataSource.query(
          `UPDATE outbox SET attempts = $3, available_at = $4, last_error = $5, ${unlock} ${held}`,
          [...key, attempt, outcome.availableAt, outcome.error],
        );
        break;
      case 'dead':
        result = await this.dataSource.query(`UPDATE outbox SET status = 'dead', attempts = $3, last_error = $4, ${unlock} ${held}`, [...key, attempt, outcome.error]);
        break;
    }
    return affected(result) === 1;
  }

  /** Holds one pooled connection on LISTEN until closed. */
  async watch(onPost: () => void, onLost: (error: Error) => void): Promise<OutboxWatch> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      client.on('notification', onPost);
      client.on('error', onLost);
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      return {
        close: async () => {
          client.off('notification', onPost);
          await client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
          await runner.release();
        },
      };
    } catch (error) {
      await runner.release().catch(() => undefined);
      throw error;
    }
  }
}
