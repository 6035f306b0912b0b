import { query } from '../postgres';
import { CHANNEL, WORKSPACE } from './events';

/** `threads` Open tickets in the bench channel, each with its thread, numbered 1…threads. */
export async function seedThreads(url: string, threads: number): Promise<void> {
  await query(url, `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, thread_id, created_at, updated_at, last_activity_at)
    SELECT $1, 'slack', g, 'Bench ticket ' || g, 'open', 'UREQ' || (g % 50), $2, '1700000000.' || lpad(g::text, 6, '0'), now(), now(), now()
    FROM generate_series(1, $3::int) g`, [WORKSPACE, CHANNEL, threads]);
  await query(url, `INSERT INTO workspace_counters (workspace_id, last_number) VALUES ($1, $2)`, [WORKSPACE, threads]);
  await query(url, `INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, added_at, ticket_status, ticket_created_at, ticket_number)
    SELECT id, requester_id, 'requester', workspace_id, created_at, status, created_at, number FROM tickets WHERE workspace_id = $1`, [WORKSPACE]);
  await query(url, 'VACUUM ANALYZE');
}
