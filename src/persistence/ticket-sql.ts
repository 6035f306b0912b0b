import type { Ticket } from '../core';
import { TicketEntity, type TicketRow } from './entities/ticket.entity';

/**
 * Hand-written SQL for the ticket reads and writes on the hot paths (every Slack or Teams reply
 * loads, locks and saves its ticket; every list and Home tab reads a page of tickets). The query
 * builder spends more CPU building a statement than Postgres spends running it, and reading the
 * CC list took a round trip of its own; here the column list comes from the entity, so the two
 * cannot drift apart.
 */
const COLUMNS = Object.entries(TicketEntity.options.columns).map(([property, column]) => ({
  property: property as keyof TicketRow,
  column: (column as { name?: string }).name ?? property,
}));

const quote = (name: string) => `"${name}"`;

/** Every ticket column under its property name, plus `ccIds` (oldest CC first), for table alias `t`. */
export const SELECT_TICKET = [
  ...COLUMNS.map((c) => `t.${quote(c.column)} AS ${quote(c.property)}`),
  `coalesce((SELECT array_agg(p.user_id ORDER BY p.added_at) FROM ticket_participants p WHERE p.ticket_id = t.id AND p.role = 'cc'), '{}') AS "ccIds"`,
].join(', ');

const COLUMN_OF = new Map(COLUMNS.map((c) => [c.property as string, c.column]));

/** `SELECT … FROM tickets t WHERE <conditions on t>` with the CC list in the same row. */
export function selectTickets(where: Record<string, unknown>, lock: boolean): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conditions = Object.entries(where).map(([property, value]) => {
    const column = COLUMN_OF.get(property);
    if (!column) throw new Error(`tickets has no column for ${property}`);
    if (value === null) return `t.${quote(column)} IS NULL`;
    params.push(value);
    return `t.${quote(column)} = $${params.length}`;
  });
  return { sql: `SELECT ${SELECT_TICKET} FROM tickets t WHERE ${conditions.join(' AND ')}${lock ? ' FOR UPDATE OF t' : ''}`, params };
}

/**
 * "My tickets": where the person is requester, assignee or CC, newest first. The person's
 * participant rows carry each ticket's status, age and number, so the index
 * ticket_participants_user picks the newest ones without visiting any other ticket; a person holds
 * at most three roles on a ticket, so three rows per ticket wanted are enough. `$1` workspace,
 * `$2` user, `$3` statuses, `$4` how many.
 */
export const LIST_FOR_USER = `SELECT ${SELECT_TICKET} FROM tickets t
  WHERE t.id IN (SELECT p.ticket_id FROM ticket_participants p
                 WHERE p.workspace_id = $1 AND p.user_id = $2 AND p.ticket_status = ANY($3::text[])
                 ORDER BY p.ticket_created_at DESC, p.ticket_number DESC LIMIT $4 * 3)
    AND t.workspace_id = $1 AND t.status = ANY($3::text[])
  ORDER BY t.created_at DESC, t.number DESC LIMIT $4`;

/** Open tickets nobody has claimed, newest first (partial index tickets_unassigned). `$1` workspace, `$2` how many. */
export const LIST_UNASSIGNED = `SELECT ${SELECT_TICKET} FROM tickets t
  WHERE t.workspace_id = $1 AND t.status = 'open' AND t.assignee_id IS NULL
  ORDER BY t.created_at DESC LIMIT $2`;

/**
 * The tickets of many threads, each `[workspaceId, channelId, threadId]`, locked in id order: two
 * transactions locking overlapping sets always take the rows in the same order, so they never
 * deadlock. `thread_id IS NOT NULL` lets the planner use the partial index tickets_thread.
 */
export const LOCK_TICKETS_BY_THREADS = `SELECT ${SELECT_TICKET} FROM tickets t
  WHERE t.thread_id IS NOT NULL
    AND (t.workspace_id, t.channel_id, t.thread_id) IN (SELECT * FROM unnest($1::text[], $2::text[], $3::text[]))
  ORDER BY t.id FOR UPDATE OF t`;

/** Columns a saved ticket may change: all but its identity and birth. */
const MUTABLE = COLUMNS.filter((c) => !['id', 'workspaceId', 'platform', 'number', 'createdAt'].includes(c.property));

/**
 * Saves many tickets in one statement: `$1` is a JSON array of rows keyed by column name, read
 * back with the table's own row type, so every value gets its column's type. A ticket whose
 * status changed has it copied to its participant rows, which "my tickets" reads.
 */
export const SAVE_TICKETS = `WITH saved AS (
    UPDATE tickets t SET (${MUTABLE.map((c) => quote(c.column)).join(', ')}) = (${MUTABLE.map((c) => `v.${quote(c.column)}`).join(', ')})
    FROM jsonb_populate_recordset(NULL::tickets, $1::jsonb) v WHERE t.id = v.id
    RETURNING t.id, t.status)
  UPDATE ticket_participants p SET ticket_status = saved.status FROM saved
  WHERE p.ticket_id = saved.id AND p.ticket_status <> saved.status`;

/** The rows `SAVE_TICKETS` takes (as JSON). */
export function ticketRows(tickets: readonly Ticket[]): Record<string, unknown>[] {
  return tickets.map((ticket) => Object.fromEntries([['id', ticket.id], ...MUTABLE.map((c) => [c.column, ticket[c.property]])]));
}
