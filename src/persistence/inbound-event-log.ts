import type { EntityManager } from 'typeorm';
import type { InboundEventLog } from '../core';

/** `processed_events`: one row per inbound platform event handled (Slack's event_id). */
export class TypeormInboundEventLog implements InboundEventLog {
  constructor(private readonly em: EntityManager) {}

  async markSeen(eventId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
      [eventId],
    );
    return rows.length === 1;
  }

  async forget(eventId: string): Promise<void> {
    await this.em.query('DELETE FROM processed_events WHERE event_id = $1', [eventId]);
  }
}
