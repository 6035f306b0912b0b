import type { EntityManager } from 'typeorm';
import type { QueueQuery, SearchQuery, Ticket, TicketQueries } from '../core';
import { toTicket, type TicketWithCcs } from './ticket-record';
import { CC_IDS, TICKET_COLUMNS } from './ticket-sql';

const SELECT_TICKET = `${TICKET_COLUMNS}, ${CC_IDS}`;

/** More words than this are ignored: each one is another index probe, and 8 already pin a ticket down. */
export const MAX_SEARCH_WORDS = 8;

/**
 * The search and queue queries, written once for the chat commands and the web area. The search
 * vector and the queue order are the exact expressions of the indexes tickets_search,
 * ticket_messages_search and tickets_queue (migrations/1764960000000-SearchAndQueue.ts): change one
 * and the other together, or Postgres falls back to reading whole tables.
 */
const VECTOR = (column: string) => `chamado_search_vector(${column})`;
const QUEUE_ORDER = `(t.assignee_id IS NULL) DESC, array_position('{urgent,high,normal,low}'::text[], t.priority), t.created_at, t.number`;

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

export const searchWords = (text: string): string[] => text.split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_WORDS);

/** Every typed word must match, each in its English or its Portuguese form. */
function tsqueryOf(words: readonly string[], p: Params): string {
  return words.map((w) => `chamado_search_query(${p.add(w)})`).join(' && ') || `''::tsquery`;
}

/**
 * `$1` the workspace; every word must match (in its English or its Portuguese form), within the
 * title or within one message. A ticket's rank is its best hit, a title hit counting double.
 */
export function searchSql(query: SearchQuery): { sql: string; params: unknown[] } {
  const p = new Params();
  const workspace = p.add(query.workspaceId);
  const tsquery = tsqueryOf(searchWords(query.words), p);
  const mine = query.participantId === null ? null
    : `(SELECT p.ticket_id FROM ticket_participants p WHERE p.workspace_id = ${workspace} AND p.user_id = ${p.add(query.participantId)})`;
  const statuses = query.statuses ? ` AND t.status = ANY(${p.add(query.statuses)}::text[])` : '';
  // The ten best are picked from the hits' ids, ranks and ages before any whole ticket row is read.
  const sql = `WITH hits AS (
      SELECT t.id, t.created_at, t.number, 2 * ts_rank(${VECTOR('t.title')}, ${tsquery}) AS rank FROM tickets t
      WHERE t.workspace_id = ${workspace} AND ${VECTOR('t.title')} @@ (${tsquery})${mine ? ` AND t.id IN ${mine}` : ''}${statuses}
      UNION ALL
      SELECT t.id, t.created_at, t.number, ts_rank(${VECTOR('m.text')}, ${tsquery}) FROM ticket_messages m JOIN tickets t ON t.id = m.ticket_id
      WHERE t.workspace_id = ${workspace} AND ${VECTOR('m.text')} @@ (${tsquery})${mine ? ` AND m.ticket_id IN ${mine}` : ''}${statuses}),
    best AS (SELECT id, created_at, number, max(rank) AS rank FROM hits GROUP BY id, created_at, number
      ORDER BY rank DESC, created_at DESC, number DESC LIMIT ${p.add(query.limit)})
    SELECT ${SELECT_TICKET} FROM best JOIN tickets t ON t.id = best.id
    ORDER BY best.rank DESC, best.created_at DESC, best.number DESC`;
  return { sql, params: p.values };
}

/**
 * The queue's conditions; `status <> 'closed'` lets Postgres use the partial index tickets_queue.
 * Words keep the tickets whose title or any message matches them all, through the same two
 * search indexes as `search` (ranking aside: the queue keeps its own order).
 */
function queueWhere(query: QueueQuery, p: Params): string {
  const workspace = p.add(query.workspaceId);
  const conditions = [`t.workspace_id = ${workspace}`, `t.status <> 'closed'`, `t.status = ANY(${p.add(query.statuses)}::text[])`];
  if (query.assignee === 'none') conditions.push('t.assignee_id IS NULL');
  else if (query.assignee) conditions.push(`t.assignee_id = ${p.add(query.assignee.userId)}`);
  if (query.priorities) conditions.push(`t.priority = ANY(${p.add(query.priorities)}::text[])`);
  const words = searchWords(query.words ?? '');
  if (words.length > 0) {
    const tsquery = tsqueryOf(words, p);
    conditions.push(`t.id IN (
      SELECT s.id FROM tickets s WHERE s.workspace_id = ${workspace} AND ${VECTOR('s.title')} @@ (${tsquery})
      UNION SELECT m.ticket_id FROM ticket_messages m WHERE ${VECTOR('m.text')} @@ (${tsquery}))`);
  }
  return conditions.join(' AND ');
}

export function queueSql(query: QueueQuery): { sql: string; params: unknown[] } {
  const p = new Params();
  const where = queueWhere(query, p);
  return { sql: `SELECT ${SELECT_TICKET} FROM tickets t WHERE ${where} ORDER BY ${QUEUE_ORDER} LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset ?? 0)}`, params: p.values };
}

export function queueCountSql(query: QueueQuery): { sql: string; params: unknown[] } {
  const p = new Params();
  return { sql: `SELECT count(*)::int AS total FROM tickets t WHERE ${queueWhere(query, p)}`, params: p.values };
}

export class TypeormTicketQueries implements TicketQueries {
  constructor(private readonly em: EntityManager) {}

  async search(query: SearchQuery): Promise<Ticket[]> {
    if (searchWords(query.words).length === 0 || query.limit <= 0) return [];
    const { sql, params } = searchSql(query);
    return (await this.em.query<TicketWithCcs[]>(sql, params)).map(toTicket);
  }

  async queue(query: QueueQuery): Promise<{ tickets: Ticket[]; total: number }> {
    if (query.statuses.length === 0) return { tickets: [], total: 0 };
    const page = queueSql(query);
    const count = queueCountSql(query);
    const [rows, [{ total }]] = await Promise.all([
      this.em.query<TicketWithCcs[]>(page.sql, page.params),
      this.em.query<{ total: number }[]>(count.sql, count.params),
    ]);
    return { tickets: rows.map(toTicket), total };
  }
}
