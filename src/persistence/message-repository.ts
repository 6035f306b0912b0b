import type { EntityManager } from 'typeorm';
import type { Attachments, ChatMessage, MessageRepository, StoredMessage } from '../core';
import { TicketMessageEntity } from './entities';

export class TypeormMessageRepository implements MessageRepository {
  constructor(private readonly em: EntityManager) {}

  async add(ticketId: string, message: ChatMessage, attachments: Attachments): Promise<boolean> {
    const result = await this.em
      .createQueryBuilder()
      .insert()
      .into(TicketMessageEntity)
      .values({ ticketId, platformMessageId: message.id, authorId: message.authorId, text: message.text, attachments, postedAt: message.postedAt })
      .orIgnore()
      .returning(['id'])
      .execute();
    return result.raw.length > 0;
  }

  async history(ticketId: string, limit: number): Promise<StoredMessage[]> {
    const rows = await this.em.getRepository(TicketMessageEntity).find({ where: { ticketId }, order: { postedAt: 'DESC' }, take: limit });
    return rows.reverse();
  }

  count(ticketId: string): Promise<number> {
    return this.em.getRepository(TicketMessageEntity).countBy({ ticketId });
  }
}
