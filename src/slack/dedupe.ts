import type { DataSource } from 'typeorm';

/**
 * Slack retries an event it thinks we missed (X-Slack-Retry-Num). The first delivery claims
 * its event_id in processed_events; a retry finds it claimed and changes nothing. A claim is
 * released when handling failed, so a later retry can still do the work.
 */
export async function claimEvent(dataSource: DataSource, eventId: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query(
    'INSERT INTO processed_events (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING RETURNING event_id',
    [eventId],
  );
  return rows.length === 1;
}

export async function releaseEvent(dataSource: DataSource, eventId: string): Promise<void> {
  await dataSource.query('DELETE FROM processed_events WHERE event_id = $1', [eventId]);
}
