import type { EntityManager } from 'typeorm';
import type { DeliveryLog } from '../core';

/** `processed_events`: one row per inbound delivery handled (Slack event_id). */
export class TypeormDeliveryLog implements DeliveryLog {
  constructor(private readonly em: EntityManager) {}

  async claim(deliveryId: string): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
      [deliveryId],
    );
    return rows.length === 1;
  }

  async release(deliveryId: string): Promise<void> {
    await this.em.query('DELETE FROM processed_events WHERE event_id = $1', [deliveryId]);
  }
}
