import { In, type EntityManager } from 'typeorm';
import type { NewTicket, Status, ThreadKey, Ticket, TicketRepository } from '../core';
import { TicketEntity, TicketParticipantEntity } from './entities';
import type { TicketRow } from './entities/ticket.entity';
import type { ParticipantRow } from './entities/ticket-participant.entity';
import { toJsonb } from './jsonb';
import { queryPrepared } from './prepared';
import { LIST_FOR_USER, LIST_UNASSIGNED, LOCK_TICKETS_BY_THREADS, SAVE_TICKETS, selectTickets, ticketRows } from './ticket-sql';

export class TypeormTicketRepository implements TicketRepository {
  constructor(private readonly em: EntityManager) {}

  async create(input: NewTicket): Promise<Ticket> {
    // The counter row is locked until commit, so two instances can never hand out the same number.
    const [{ last_number: number }] = await this.em.query(
      `INSERT INTO workspace_counters (workspace_id, last_number) VALUES ($1, 1)
       ON CONFLICT (workspace_id) DO UPDATE SET last_number = workspace_counters.last_number + 1
       RETURNING last_number`,
      [input.workspaceId],
    );
    const { ccIds = [], ...row } = input;
    const saved = await this.em.getRepository(TicketEntity).save({ ...row, number });
    const ticket: Ticket = { ...saved, ccIds };
    await this.writeParticipants(ticket);
    return ticket;
  }

  save(ticket: Ticket): Promise<void> {
    return this.saveAll([ticket]);
  }

  async saveAll(tickets: readonly Ticket[]): Promise<void> {
    if (tickets.length > 0) await queryPrepared(this.em, 'chamado_save_tickets', SAVE_TICKETS, [toJsonb(ticketRows(tickets))]);
  }

  async saveParticipants(ticket: Ticket): Promise<void> {
    await this.em.getRepository(TicketParticipantEntity).delete({ ticketId: ticket.id });
    await this.writeParticipants(ticket);
  }

  async byId(id: string): Promise<Ticket | null> {
    return this.one({ id });
  }

  async byNumber(workspaceId: string, number: number, opts: { lock?: boolean } = {}): Promise<Ticket | null> {
    return this.one({ workspaceId, number }, opts.lock);
  }

  async lockByThreads(threads: readonly ThreadKey[]): Promise<Ticket[]> {
    if (threads.length === 0) return [];
    const params = [threads.map((k) => k.workspaceId), threads.map((k) => k.channelId), threads.map((k) => k.threadId)];
    return queryPrepared(this.em, 'chamado_lock_tickets_by_threads', LOCK_TICKETS_BY_THREADS, params);
  }

  listForUser(workspaceId: string, userId: string, statuses: readonly Status[], limit: number): Promise<Ticket[]> {
    return this.em.query(LIST_FOR_USER, [workspaceId, userId, statuses, limit]);
  }

  listUnassigned(workspaceId: string, limit: number): Promise<Ticket[]> {
    return this.em.query(LIST_UNASSIGNED, [workspaceId, limit]);
  }

  async setThread(ticketId: string, channelId: string, threadId: string): Promise<void> {
    await this.em.getRepository(TicketEntity).update({ id: ticketId }, { channelId, threadId });
  }

  async numbersOf(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.getRepository(TicketEntity).find({ select: { id: true, number: true }, where: { id: In([...ids]) } });
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  /** One ticket and its CC list in a single round trip (locked until commit when asked). */
  private async one(where: Partial<TicketRow>, lock = false): Promise<Ticket | null> {
    const { sql, params } = selectTickets(where, lock);
    const rows: Ticket[] = await this.em.query(sql, params);
    return rows[0] ?? null;
  }

  private async writeParticipants(ticket: Ticket): Promise<void> {
    const base = {
      ticketId: ticket.id, workspaceId: ticket.workspaceId, addedAt: ticket.updatedAt,
      ticketStatus: ticket.status, ticketCreatedAt: ticket.createdAt, ticketNumber: ticket.number,
    };
    const rows: ParticipantRow[] = [
      { ...base, userId: ticket.requesterId, role: 'requester' },
      ...(ticket.assigneeId ? [{ ...base, userId: ticket.assigneeId, role: 'assignee' as const }] : []),
      ...ticket.ccIds.map((userId, i) => ({ ...base, userId, role: 'cc' as const, addedAt: new Date(ticket.updatedAt.getTime() + i) })),
    ];
    await this.em.getRepository(TicketParticipantEntity).insert(rows);
  }
}
