/** The SQL of one stored reply, shared by the ideal server and the pgbench script. */
export const TOUCH_TICKET_SQL = `UPDATE tickets SET last_activity_at = now(), updated_at = now(), last_customer_activity_at = now()
  WHERE workspace_id = $1 AND channel_id = $2 AND thread_id = $3 RETURNING id, workspace_id`;

/** With its ticket's workspace, as Chamado stores a message (the search index leads with it). */
export const INSERT_MESSAGE_SQL = `INSERT INTO ticket_messages (ticket_id, workspace_id, platform_message_id, author_id, text, posted_at)
  VALUES ($1, $6, $2, $3, $4, $5) ON CONFLICT (ticket_id, platform_message_id) DO NOTHING`;

/** The same transaction as a pgbench script (simple protocol: pgbench cannot prepare a statement that uses a \gset variable): a random seeded thread, a unique message id. */
export function pgbenchScript(workspace: string, channel: string, threads: number): string {
  return [
    `\\set n random(1, ${threads})`,
    'BEGIN;',
    // pgbench reads one statement a line: the pieces are joined, not wrapped.
    'UPDATE tickets SET last_activity_at = now(), updated_at = now(), last_customer_activity_at = now() ' +
      `WHERE workspace_id = '${workspace}' AND channel_id = '${channel}' AND thread_id = '1700000000.' || lpad(':n', 6, '0') RETURNING id \\gset`,
    'INSERT INTO ticket_messages (ticket_id, workspace_id, platform_message_id, author_id, text, posted_at) ' +
      `VALUES (':id'::uuid, '${workspace}', 'pgb-' || gen_random_uuid(), 'UPGBENCH', 'Still broken after the restart (pgbench)', now()) ` +
      'ON CONFLICT (ticket_id, platform_message_id) DO NOTHING;',
    'COMMIT;',
    '',
  ].join('\n');
}
