import type { EntityManager } from 'typeorm';
import type { Attachments, ChatMessage, MessageRepository, StoredMessage } from '../core';
import { TicketMessageEntity } from './entities';

export class TypeormMessageRepository implements MessageRepository {
  constructor(private readonly em: EntityManager) {}

  /** Hand-written (hot path: every reply in a ticket thread); a message already stored changes nothing. */
  async add(ticketId: string, message: ChatMessage, attachments: Attachments): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `INSERT INTO ticket_messages (ticket_id, platform_message_id, author_id, text, attachments, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id`,
      [ticketId, message.id, message.authorId, message.text, JSON.stringify(attachments), message.postedAt],
    );
    return rows.length > 0;
  }

  async history(ticketId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.em.getRepository(TicketMessageEntity).find({ where: { ticketId }, order: { postedAt: 'DESC' }, take: limit });
    return rows.reverse();
  }

  count(ticketId: string): Promise<number> {
    return this.em.getRepository(TicketMessageEntity).countBy({ ticketId });
  }
}
