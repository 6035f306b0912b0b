/**
 * Every statement that reads or writes `tickets` and `ticket_participants`, as plain SQL. Rows come
 * back under their column names and become tickets in one place, `toTicket` (ticket-record.ts).
 * The reply path's three statements (LOCK_TICKETS_BY_THREADS, SAVE_TICKETS and message-repository's
 * INSERT_MESSAGES) run as prepared statements (prepared.ts). The index each statement depends on is
 * named beside it; `test/integration/persistence/ticket-sql.test.ts` checks the column lists against
 * the table.
 */

/** Every column of `tickets` for table alias `t`, in table order. */
export const TICKET_COLUMNS = `t.id, t.workspace_id, t.platform, t.number, t.title, t.status, t.priority,
  t.requester_id, t.assignee_id, t.follow_up_of, t.channel_id, t.thread_id, t.source_channel_id,
  t.source_thread_id, t.created_at, t.updated_at, t.closed_at, t.close_reason, t.pending_since,
  t.last_activity_at, t.last_customer_activity_at, t.first_response_at, t.sla_alerted_at, t.card_url`;

/** The ticket's CC list, oldest first, in the same row (primary key of ticket_participants). */
export const CC_IDS = `coalesce((SELECT array_agg(p.user_id ORDER BY p.added_at) FROM ticket_participants p
                   WHERE p.ticket_id = t.id AND p.role = 'cc'), '{}') AS cc_ids`;

/** `$1` id. */
export const TICKET_BY_ID = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}
  FROM tickets t WHERE t.id = $1`;

export const TICKET_BY_ID_FOR_UPDATE = `${TICKET_BY_ID} FOR UPDATE OF t`;

/** `$1` workspace, `$2` number (unique tickets_workspace_number). */
export const TICKET_BY_NUMBER = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}
  FROM tickets t WHERE t.workspace_id = $1 AND t.number = $2`;

/** The same, locked until the transaction ends. */
export const TICKET_BY_NUMBER_FOR_UPDATE = `${TICKET_BY_NUMBER} FOR UPDATE OF t`;

/**
 * "My tickets": where the person is requester, assignee or CC, newest first. The person's
 * participant rows carry each ticket's status, age and number, so the index
 * ticket_participants_user picks the newest ones without visiting any other ticket; a person holds
 * at most three roles on a ticket, so three rows per ticket wanted are enough. `$1` workspace,
 * `$2` user, `$3` statuses, `$4` how many.
 */
export const LIST_FOR_USER = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}
  FROM tickets t
  WHERE t.id IN (SELECT p.ticket_id FROM ticket_participants p
                 WHERE p.workspace_id = $1 AND p.user_id = $2 AND p.ticket_status = ANY($3::text[])
                 ORDER BY p.ticket_created_at DESC, p.ticket_number DESC LIMIT $4 * 3)
    AND t.workspace_id = $1 AND t.status = ANY($3::text[])
  ORDER BY t.created_at DESC, t.number DESC LIMIT $4`;

/** Open tickets nobody has claimed, newest first (partial index tickets_unassigned). `$1` workspace, `$2` how many. */
export const LIST_UNASSIGNED = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}
  FROM tickets t
  WHERE t.workspace_id = $1 AND t.status = 'open' AND t.assignee_id IS NULL
  ORDER BY t.created_at DESC LIMIT $2`;

/**
 * The tickets of many threads, each `[workspaceId, channelId, threadId]`, locked in id order: two
 * transactions locking overlapping sets always take the rows in the same order, so they never
 * deadlock. `thread_id IS NOT NULL` lets the planner use the partial index tickets_thread.
 */
export const LOCK_TICKETS_BY_THREADS = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}
  FROM tickets t
  WHERE t.thread_id IS NOT NULL
    AND (t.workspace_id, t.channel_id, t.thread_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
  ORDER BY t.id FOR UPDATE OF t`;

/** The workspace's next ticket number; the counter row stays locked until commit, so two instances never hand out the same one. `$1` workspace. */
export const NEXT_TICKET_NUMBER = `INSERT INTO workspace_counters (workspace_id, last_number) VALUES ($1, 1)
  ON CONFLICT (workspace_id) DO UPDATE SET last_number = workspace_counters.last_number + 1
  RETURNING last_number`;

/** A new ticket; `$1` is its row as JSON (toRecord), typed by the table's own row type. The id comes from the column default. */
export const INSERT_TICKET = `INSERT INTO tickets AS t (workspace_id, platform, number, title, status, priority, requester_id,
    assignee_id, follow_up_of, channel_id, thread_id, source_channel_id, source_thread_id, created_at,
    updated_at, closed_at, close_reason, pending_since, last_activity_at, last_customer_activity_at,
    first_response_at, sla_alerted_at, card_url)
  SELECT v.workspace_id, v.platform, v.number, v.title, v.status, v.priority, v.requester_id,
    v.assignee_id, v.follow_up_of, v.channel_id, v.thread_id, v.source_channel_id, v.source_thread_id, v.created_at,
    v.updated_at, v.closed_at, v.close_reason, v.pending_since, v.last_activity_at, v.last_customer_activity_at,
    v.first_response_at, v.sla_alerted_at, v.card_url
  FROM jsonb_populate_record(NULL::tickets, $1::jsonb) v
  RETURNING ${TICKET_COLUMNS}`;

/**
 * The follow-ups of closed tickets (`$1` their ids) that are not closed, newest first, locked in
 * id order like LOCK_TICKETS_BY_THREADS (partial index tickets_follow_up_of).
 */
export const LOCK_LIVE_FOLLOW_UPS = `SELECT * FROM (SELECT ${TICKET_COLUMNS}, ${CC_IDS} FROM tickets t
    WHERE t.follow_up_of = ANY($1::uuid[]) AND t.status <> 'closed'
    ORDER BY t.id FOR UPDATE OF t) f
  ORDER BY f.created_at DESC, f.number DESC`;

/** The tickets threads were split into, each `[workspaceId, channelId, threadId]`, oldest first. */
export const SPLITS_OF = `SELECT ${TICKET_COLUMNS}, ${CC_IDS}, s.channel_id AS split_channel_id, s.thread_id AS split_thread_id
  FROM conversation_splits s JOIN tickets t ON t.id = s.ticket_id
  WHERE (s.workspace_id, s.channel_id, s.thread_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
  ORDER BY t.number`;

/** Remembers that a thread was split into these tickets: `$1` workspace, `$2` channel, `$3` thread, `$4` ticket ids. */
export const RECORD_SPLIT = `INSERT INTO conversation_splits (workspace_id, channel_id, thread_id, ticket_id)
  SELECT $1, $2, $3, unnest($4::uuid[]) ON CONFLICT DO NOTHING`;

/** The card's link, written once by the delivery worker: `$1` ticket id, `$2` link. */
export const SET_CARD_URL = `UPDATE tickets SET card_url = $2 WHERE id = $1 AND card_url IS NULL`;

/** Card links of a workspace's tickets by number (unique tickets_workspace_number): `$1` workspace, `$2` numbers. */
export const CARD_URLS_OF = `SELECT number, card_url FROM tickets
  WHERE workspace_id = $1 AND number = ANY($2::int[]) AND card_url IS NOT NULL`;

/**
 * Saves many tickets in one statement: every column but the ticket's identity and birth (id,
 * workspace_id, platform, number, created_at). `$1` is a JSON array of rows (toRecord), typed by the
 * table's own row type; `$2` their ids. A ticket whose status changed has it copied to its participant
 * rows, which "my tickets" reads. `= ANY($2)` is there for the planner: it takes any JSON array for
 * 100 rows, so on a table of some thousands of tickets it would hash-join a scan of all of them (and
 * of their participants) to save one; with the ids it reads the primary keys.
 */
export const SAVE_TICKETS = `WITH saved AS (
    UPDATE tickets t SET
      title = v.title, status = v.status, priority = v.priority, requester_id = v.requester_id,
      assignee_id = v.assignee_id, follow_up_of = v.follow_up_of, channel_id = v.channel_id,
      thread_id = v.thread_id, source_channel_id = v.source_channel_id, source_thread_id = v.source_thread_id,
      updated_at = v.updated_at, closed_at = v.closed_at, close_reason = v.close_reason,
      pending_since = v.pending_since, last_activity_at = v.last_activity_at,
      last_customer_activity_at = v.last_customer_activity_at, first_response_at = v.first_response_at,
      sla_alerted_at = v.sla_alerted_at
    FROM jsonb_populate_recordset(NULL::tickets, $1::jsonb) v WHERE t.id = v.id AND t.id = ANY($2::uuid[])
    RETURNING t.id, t.status)
  UPDATE ticket_participants p SET ticket_status = saved.status FROM saved
  WHERE p.ticket_id = saved.id AND p.ticket_id = ANY($2::uuid[]) AND p.ticket_status <> saved.status`;

/** Where the ticket's card was posted: its thread is the ticket thread. `$1` id, `$2` channel, `$3` thread. */
export const SET_TICKET_THREAD = `UPDATE tickets SET channel_id = $2, thread_id = $3, card_url = coalesce($4, card_url) WHERE id = $1`;

/** `$1` ids. */
export const TICKET_NUMBERS = `SELECT id, number FROM tickets WHERE id = ANY($1::uuid[])`;

/** `$1` ticket. */
export const DELETE_PARTICIPANTS = `DELETE FROM ticket_participants WHERE ticket_id = $1`;

/** `$1` is a JSON array of participant rows, each with its ticket's status, creation time and number. */
export const INSERT_PARTICIPANTS = `INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id, added_at,
    ticket_status, ticket_created_at, ticket_number)
  SELECT v.ticket_id, v.user_id, v.role, v.workspace_id, v.added_at, v.ticket_status, v.ticket_created_at, v.ticket_number
  FROM jsonb_populate_recordset(NULL::ticket_participants, $1::jsonb) v`;
