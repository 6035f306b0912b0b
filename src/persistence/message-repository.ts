import type { EntityManager } from 'typeorm';
import type { Attachments, MessageRepository, NewMessage, StoredMessage } from '../core';
import { toJsonb } from './jsonb';
import { queryPrepared } from './prepared';

/**
 * Many messages in one statement, on the reply path (prepared): `$1` is a JSON array of rows keyed by
 * column, typed by the table's own row type. A message already stored (unique ticket_messages_once)
 * is skipped, and the statement answers the ones it stored. Each row takes its ticket's workspace,
 * which leads the search index (migrations/1764995100000-MessageSearchByWorkspace.ts). `$2` are the
 * tickets' ids, so the planner reads them by primary key (see ticket-sql.ts SAVE_TICKETS).
 */
export const INSERT_MESSAGES = `INSERT INTO ticket_messages (ticket_id, workspace_id, platform_message_id, author_id, text, attachments, posted_at)
  SELECT v.ticket_id, t.workspace_id, v.platform_message_id, v.author_id, v.text, v.attachments, v.posted_at
  FROM jsonb_populate_recordset(NULL::ticket_messages, $1::jsonb) v JOIN tickets t ON t.id = v.ticket_id AND t.id = ANY($2::uuid[])
  ON CONFLICT DO NOTHING RETURNING ticket_id, platform_message_id`;

/** The newest `$2` messages of ticket `$1`, newest first (index ticket_messages_history). */
const HISTORY = `SELECT id, ticket_id, platform_message_id, author_id, text, attachments, posted_at
  FROM ticket_messages WHERE ticket_id = $1 ORDER BY posted_at DESC LIMIT $2`;

/** `$1` ticket. */
const COUNT = `SELECT count(*)::int AS count FROM ticket_messages WHERE ticket_id = $1`;

interface MessageRecord {
  id: string;
  ticket_id: string;
  platform_message_id: string;
  author_id: string;
  text: string;
  attachments: Attachments;
  posted_at: Date;
}

const toMessage = (r: MessageRecord): StoredMessage => ({
  id: r.id, ticketId: r.ticket_id, platformMessageId: r.platform_message_id, authorId: r.author_id, text: r.text, attachments: r.attachments, postedAt: r.posted_at,
});

const keyOf = (ticketId: string, messageId: string) => `${ticketId} ${messageId}`;

export class TypeormMessageRepository implements MessageRepository {
  constructor(private readonly em: EntityManager) {}

  /** A message already stored changes nothing; answers, per message, whether it was new. */
  async add(messages: readonly NewMessage[]): Promise<boolean[]> {
    if (messages.length === 0) return [];
    const rows = messages.map(({ ticketId, message, attachments }) => ({
      ticket_id: ticketId, platform_message_id: message.id, author_id: message.authorId, text: message.text, attachments, posted_at: message.postedAt,
    }));
    const inserted: { ticket_id: string; platform_message_id: string }[] = await queryPrepared(this.em, 'chamado_insert_messages', INSERT_MESSAGES, [
      toJsonb(rows), [...new Set(messages.map((m) => m.ticketId))],
    ]);
    const fresh = new Set(inserted.map((r) => keyOf(r.ticket_id, r.platform_message_id)));
    // The first of two equal entries is the one stored; the second is a duplicate.
    return messages.map(({ ticketId, message }) => fresh.delete(keyOf(ticketId, message.id)));
  }

  /** The last `limit` messages, oldest first. */
  async history(ticketId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.em.query<MessageRecord[]>(HISTORY, [ticketId, limit]);
    return rows.map(toMessage).reverse();
  }

  async count(ticketId: string): Promise<number> {
    const [{ count }] = await this.em.query<{ count: number }[]>(COUNT, [ticketId]);
    return count;
  }
}
