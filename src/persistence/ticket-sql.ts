import type { Attachments, ChatMessage, Ticket } from '../core';
import { TicketEntity, type TicketRow } from './entities/ticket.entity';

/**
 * Hand-written SQL for the ticket reads and writes on the message hot path (every Slack or Teams
 * reply loads, locks and saves its ticket). The query builder spends more CPU building a
 * statement than Postgres spends running it, and reading the CC list took a round trip of its
 * own; here the column list comes from the entity, so the two cannot drift apart.
 */
const COLUMNS = Object.entries(TicketEntity.options.columns).map(([property, column]) => ({
  property: property as keyof TicketRow,
  column: (column as { name?: string }).name ?? property,
}));

const quote = (name: string) => `"${name}"`;

/** Every ticket column under its property name, plus `ccIds` (oldest CC first), for table alias `t`. */
const SELECT_TICKET = [
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

function setClauses(ticket: Ticket, params: unknown[]): string {
  const sets: string[] = [];
  for (const { property, column } of COLUMNS) {
    const value = ticket[property];
    if (value === undefined) continue;
    params.push(value);
    sets.push(`${quote(column)} = $${params.length}`);
  }
  return sets.join(', ');
}

/** An UPDATE of every column the ticket carries (what `repository.update(id, row)` wrote), by id. */
export function updateTicket(ticket: Ticket): { sql: string; params: unknown[] } {
  const params: unknown[] = [ticket.id];
  return { sql: `UPDATE tickets SET ${setClauses(ticket, params)} WHERE id = $1`, params };
}

/**
 * One statement for the commonest write of all, a reply in a ticket thread: insert the message
 * and, only if it was new, save the ticket. Answers a row when the message was stored.
 */
export function appendMessage(ticket: Ticket, message: ChatMessage, attachments: Attachments): { sql: string; params: unknown[] } {
  const params: unknown[] = [ticket.id, message.id, message.authorId, message.text, JSON.stringify(attachments), message.postedAt];
  return {
    sql: `WITH m AS (
            INSERT INTO ticket_messages (ticket_id, platform_message_id, author_id, text, attachments, posted_at)
            VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id)
          UPDATE tickets SET ${setClauses(ticket, params)} WHERE id = $1 AND EXISTS (SELECT 1 FROM m) RETURNING id`,
    params,
  };
}
