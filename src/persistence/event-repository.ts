import type { EntityManager } from 'typeorm';
import type { AuditEventData, AuditEventType, EventRepository, StoredAuditEvent } from '../core';
import { TicketEventEntity } from './entities';

export class TypeormEventRepository implements EventRepository {
  constructor(private readonly em: EntityManager) {}

  async add<T extends AuditEventType>(ticketId: string, actorId: string | null, type: T, data: AuditEventData[T], at: Date): Promise<void> {
    // jsonb takes any object; TypeORM's deep-partial typing cannot express an open record.
    await this.em.getRepository(TicketEventEntity).insert({ ticketId, actorId, type, data: data as never, createdAt: at });
  }

  async list(ticketId: string): Promise<StoredAuditEvent[]> {
    const rows = await this.em.getRepository(TicketEventEntity).find({ where: { ticketId }, order: { id: 'ASC' } });
    // Each row was written by `add`, whose signature ties its data to its type.
    return rows.map((r) => ({ type: r.type, data: r.data, actorId: r.actorId, createdAt: r.createdAt }) as StoredAuditEvent);
  }
}
