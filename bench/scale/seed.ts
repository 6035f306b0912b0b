/**
 * Years of tickets, generated in SQL (generate_series), not through the app. Secondary indexes
 * and constraints of the big tables are dropped first and rebuilt after the load (the way a bulk
 * load is done), with exactly the definitions the migrations created.
 */
import { Client } from 'pg';

export interface ScaleSize {
  tickets: number;
  messagesPerTicket: number;
  workspaces: number;
}

export const HEAVY_WORKSPACE = 'slack:TS001';
export const HEAVY_TEAM = 'TS001';
export const HEAVY_REQUESTER = 'UHEAVYREQ';
export const HEAVY_CC = 'UHEAVYCC';
export const AGENT = 'UAGENTBENCH';

/** Messages of the long ticket the web page is measured on (`/tickets/<n>`). */
export const LONG_TICKET_MESSAGES = 200;
/** The heavy requester's newest open ticket: it gets LONG_TICKET_MESSAGES messages. */
export const LONG_TICKET_SQL = `SELECT id, number FROM tickets WHERE workspace_id = '${HEAVY_WORKSPACE}' AND requester_id = '${HEAVY_REQUESTER}'
  AND status = 'open' ORDER BY number DESC LIMIT 1`;
/** A word in one message of a hundred (none in titles): a common search. */
export const COMMON_WORD = 'printer';
/** A word in one message of every 250th ticket (one message in 2,500): a rare search. */
export const RARE_WORD = 'zeppelin';
/** Changes to what is seeded change this, so a kept database (--scale-db) of an older seed is seeded again. */
export const SEED_VERSION = 'web1';

const BIG = ['tickets', 'reminder_schedule', 'ticket_messages', 'ticket_participants', 'ticket_events', 'outbox'];

interface Definition {
  table: string;
  name: string;
  sql: string;
  kind: 'constraint' | 'index';
  order: number;
}

async function definitions(c: Client): Promise<Definition[]> {
  const constraints = await c.query<{ table: string; name: string; def: string; contype: string }>(
    `SELECT conrelid::regclass::text AS table, conname AS name, pg_get_constraintdef(oid) AS def, contype
     FROM pg_constraint
     WHERE (conrelid::regclass::text = ANY($1) AND contype IN ('p', 'u', 'f'))
        -- a smaller table's foreign key into a big one (conversation_splits → tickets) must go first, and come back last
        OR (confrelid::regclass::text = ANY($1) AND contype = 'f')`, [BIG]);
  const indexes = await c.query<{ table: string; name: string; def: string }>(
    `SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes
     WHERE schemaname = 'public' AND tablename = ANY($1)
       AND indexname NOT IN (SELECT conname FROM pg_constraint WHERE contype IN ('p', 'u'))`, [BIG]);
  return [
    ...constraints.rows.map((r): Definition => ({
      table: r.table, name: r.name, kind: 'constraint', order: r.contype === 'f' ? 2 : 1, sql: `ALTER TABLE ${r.table} ADD CONSTRAINT ${r.name} ${r.def}`,
    })),
    ...indexes.rows.map((r): Definition => ({ table: r.table, name: r.name, kind: 'index', order: 3, sql: r.def })),
  ];
}

/** Seeds the scale database; `log` gets one line a step with its time. */
export async function seedScale(url: string, size: ScaleSize, log: (line: string) => void): Promise<void> {
  const c = new Client({ connectionString: url });
  await c.connect();
  const step = async (what: string, sql: string, params: unknown[] = []) => {
    const t0 = Date.now();
    const r = await c.query(sql, params);
    log(`    ${what}: ${r.rowCount ?? 0} rows, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  };
  try {
    await c.query(`SET maintenance_work_mem = '1GB'`);
    await c.query(`SET synchronous_commit = off`);
    const defs = await definitions(c);
    for (const d of defs.filter((x) => x.order === 2)) await c.query(`ALTER TABLE ${d.table} DROP CONSTRAINT ${d.name}`);
    for (const d of defs.filter((x) => x.kind === 'constraint' && x.order === 1)) await c.query(`ALTER TABLE ${d.table} DROP CONSTRAINT ${d.name}`);
    for (const d of defs.filter((x) => x.kind === 'index')) await c.query(`DROP INDEX ${d.name}`);
    // The reminder schedule is filled in one statement below, not a trigger call per Pending ticket.
    await c.query(`ALTER TABLE tickets DISABLE TRIGGER USER`);

    const perWorkspace = Math.floor(size.tickets / size.workspaces);
    // h spreads statuses and people; tickets age evenly over three years, newest has the highest number.
    await step('tickets', `
      INSERT INTO tickets (id, workspace_id, platform, number, title, status, priority, requester_id, assignee_id, channel_id, thread_id,
                           created_at, updated_at, closed_at, close_reason, pending_since, last_activity_at, last_customer_activity_at,
                           first_response_at, sla_alerted_at)
      SELECT gen_random_uuid(), 'slack:TS' || lpad(w::text, 3, '0'), 'slack', n,
             'Ticket ' || n || ': the VPN drops every few minutes', s.status,
             (ARRAY['low', 'normal', 'normal', 'high', 'urgent'])[1 + h % 5],
             CASE WHEN w = 1 AND n % 4 = 0 THEN '${HEAVY_REQUESTER}' ELSE 'U' || (h * 7 % 500) END,
             CASE WHEN h % 3 = 0 THEN NULL ELSE 'UA' || (h % 20) END,
             'CS' || (n % 20), '1700000000.' || lpad(n::text, 7, '0'),
             c.at, c.at, CASE WHEN s.status = 'closed' THEN c.at + interval '2 days' END, CASE WHEN s.status = 'closed' THEN 'resolved' END,
             p.since, coalesce(p.since, c.at), c.at,
             CASE WHEN h % 3 = 0 AND s.status = 'open' THEN NULL ELSE c.at + interval '1 hour' END,
             CASE WHEN h % 3 = 0 AND s.status = 'open' THEN c.at + interval '4 hours' END
      FROM generate_series(1, $1::int) w, generate_series(1, $2::int) n,
           LATERAL (SELECT (n * 7919 + w * 104729) % 100 AS h) hh,
           LATERAL (SELECT CASE WHEN h < 80 THEN 'closed' WHEN h < 92 THEN 'open' ELSE 'pending' END AS status) s,
           LATERAL (SELECT now() - interval '3 years' * (1 - n::float8 / $2) - interval '1 hour' AS at) c,
           LATERAL (SELECT CASE WHEN s.status = 'pending' THEN now() - interval '1 hour' * ((h - 92) * 20 + 1) END AS since) p`,
    [size.workspaces, perWorkspace]);
    await step('reminder_schedule', `
      INSERT INTO reminder_schedule (ticket_id, pending_since, steps_sent)
      SELECT id, pending_since, CASE WHEN pending_since < now() - interval '72 hours' THEN 2 WHEN pending_since < now() - interval '24 hours' THEN 1 ELSE 0 END
      FROM tickets WHERE status = 'pending'`);
    await c.query(`ALTER TABLE tickets ENABLE TRIGGER USER`);
    await step('workspace_counters', `INSERT INTO workspace_counters (workspace_id, last_number) SELECT workspace_id, max(number) FROM tickets GROUP BY workspace_id`);
    await step('participants', `
      INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, added_at, ticket_status, ticket_created_at, ticket_number)
      SELECT id, requester_id, 'requester', workspace_id, created_at, status, created_at, number FROM tickets
      UNION ALL SELECT id, assignee_id, 'assignee', workspace_id, created_at, status, created_at, number FROM tickets WHERE assignee_id IS NOT NULL
      UNION ALL SELECT id, 'UC' || (number % 300), 'cc', workspace_id, created_at, status, created_at, number FROM tickets WHERE number % 5 = 0
      UNION ALL SELECT id, '${HEAVY_CC}', 'cc', workspace_id, created_at + interval '1 ms', status, created_at, number
        FROM tickets WHERE workspace_id = '${HEAVY_WORKSPACE}' AND number % 3 = 0`);
    await step('ticket_messages', `
      INSERT INTO ticket_messages (id, ticket_id, platform_message_id, author_id, text, posted_at)
      SELECT gen_random_uuid(), t.id, '1700000001.' || lpad(k::text, 6, '0'),
             CASE WHEN k % 2 = 1 THEN t.requester_id ELSE coalesce(t.assignee_id, 'UA1') END,
             'Message ' || k || ' about ticket ' || t.number || ': still happening after the restart, see the attached log'
               || CASE WHEN (t.number * 31 + k * 17) % 100 = 0 THEN ' and the ${COMMON_WORD} on floor 3 too' ELSE '' END
               || CASE WHEN t.number % 250 = 0 AND k = 1 THEN ' (the ${RARE_WORD} room)' ELSE '' END,
             t.created_at + interval '10 minutes' * k
      FROM tickets t, generate_series(1, $1::int) k`, [size.messagesPerTicket]);
    await step(`the long ticket's ${LONG_TICKET_MESSAGES} messages`, `
      INSERT INTO ticket_messages (id, ticket_id, platform_message_id, author_id, text, posted_at)
      SELECT gen_random_uuid(), t.id, '1700000002.' || lpad(k::text, 6, '0'), CASE WHEN k % 2 = 1 THEN t.requester_id ELSE coalesce(t.assignee_id, 'UA1') END,
             'Long conversation, message ' || k || ': we tried the cable, the driver and the other port; see https://logs.example.com/' || k,
             t.created_at + interval '1 minute' * k
      FROM (${LONG_TICKET_SQL}) l JOIN tickets t ON t.id = l.id, generate_series($1::int + 1, $2::int) k`, [size.messagesPerTicket, LONG_TICKET_MESSAGES]);
    await step('ticket_events', `
      INSERT INTO ticket_events (ticket_id, actor_id, type, data, created_at)
      SELECT id, requester_id, 'created', '{}'::jsonb, created_at FROM tickets
      UNION ALL SELECT id, assignee_id, 'status_changed', '{"from":"open","to":"closed"}'::jsonb, closed_at FROM tickets WHERE status = 'closed'`);
    await step('outbox (delivered posts)', `
      INSERT INTO outbox (workspace_id, platform, ordering_key, ticket_number, kind, payload, status, attempts, available_at, created_at, sent_at, result)
      SELECT workspace_id, 'slack', 'ticket:' || id, number, k, jsonb_build_object('kind', k, 'ticketId', id), 'sent', 1, created_at, created_at, created_at, '{"ts":"1"}'::jsonb
      FROM tickets, unnest(ARRAY['ticket_card', 'thread_notice']) k`);

    for (const d of defs.sort((a, b) => a.order - b.order)) {
      const t0 = Date.now();
      await c.query(d.sql);
      log(`    rebuilt ${d.name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    }
    const t0 = Date.now();
    await c.query('VACUUM ANALYZE');
    log(`    VACUUM ANALYZE: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  } finally {
    await c.end();
  }
}
