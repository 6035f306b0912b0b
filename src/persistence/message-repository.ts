import type { EntityManager } from 'typeorm';
import type { MessageRepository, NewMessage, StoredMessage } from '../core';
import { TicketMessageEntity } from './entities';
import { toJsonb } from './jsonb';
import { queryPrepared } from './prepared';

/** Many messages in one statement (`$1`: JSON rows keyed by column, typed by the table's own row type). */
const INSERT_MESSAGES = `INSERT INTO ticket_messages (ticket_id, platform_message_id, author_id, text, attachments, posted_at)
  SELECT v.ticket_id, v.platform_message_id, v.author_id, v.text, v.attachments, v.posted_at
  FROM jsonb_populate_recordset(NULL::ticket_messages, $1::jsonb) v
  ON CONFLICT DO NOTHING RETURNING ticket_id, platform_message_id`;

const keyOf = (ticketId: string, messageId: string) => `${ticketId} ${messageId}`;

export class TypeormMessageRepository implements MessageRepository {
  constructor(private readonly em: EntityManager) {}

  /** Hand-written (hot path: every reply in a ticket thread); a message already stored changes nothing. */
  async add(messages: readonly NewMessage[]): Promise<boolean[]> {
    if (messages.length === 0) return [];
    const rows = messages.map(({ ticketId, message, attachments }) => ({
      ticket_id: ticketId, platform_message_id: message.id, author_id: message.authorId, text: message.text, attachments, posted_at: message.postedAt,
    }));
    const inserted: { ticket_id: string; platform_message_id: string }[] = await queryPrepared(this.em, 'chamado_insert_messages', INSERT_MESSAGES, [toJsonb(rows)]);
    const fresh = new Set(inserted.map((r) => keyOf(r.ticket_id, r.platform_message_id)));
    // The first of two equal entries is the one stored; the second is a duplicate.
    return messages.map(({ ticketId, message }) => fresh.delete(keyOf(ticketId, message.id)));
  }

  async history(ticketId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.em.getRepository(TicketMessageEntity).find({ where: { ticketId }, order: { postedAt: 'DESC' }, take: limit });
    return rows.reverse();
  }

  count(ticketId: string): Promise<number> {
    return this.em.getRepository(TicketMessageEntity).countBy({ ticketId });
  }
}
