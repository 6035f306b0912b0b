import type { EntityManager } from 'typeorm';
import type { EventRepository } from '../core';
import { TicketEventEntity } from './entities';

export class TypeormEventRepository implements EventRepository {
  constructor(private readonly em: EntityManager) {}

  async add(ticketId: string, actorId: string | null, type: string, data: Record<string, unknown>, at: Date): Promise<void> {
    // jsonb takes any object; TypeORM's deep-partial typing cannot express an open record.
    await this.em.getRepository(TicketEventEntity).insert({ ticketId, actorId, type, data: data as never, createdAt: at });
  }

  list(ticketId: string) {
    return this.em.getRepository(TicketEventEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
  }
}
