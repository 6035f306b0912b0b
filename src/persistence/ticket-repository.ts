import { In, type EntityManager } from 'typeorm';
import type { NewTicket, Status, ThreadKey, Ticket, TicketRepository } from '../core';
import { TicketEntity, TicketParticipantEntity } from './entities';
import type { TicketRow } from './entities/ticket.entity';
import type { ParticipantRow } from './entities/ticket-participant.entity';
import { toJsonb } from './jsonb';
import { queryPrepared } from './prepared';
import { LIST_FOR_USER, LIST_UNASSIGNED, LOCK_LIVE_FOLLOW_UPS, LOCK_TICKETS_BY_THREADS, SAVE_TICKETS, SPLITS_OF, selectTickets, ticketRows } from './ticket-sql';

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
    return queryPrepared(this.em, 'chamado_lock_tickets_by_threads', LOCK_TICKETS_BY_THREADS, [threads.map((k) => k.workspaceId), threads.map((k) => k.channelId), threads.map((k) => k.threadId)]);
  }

  listForUser(workspaceId: string, userId: string, statuses: readonly Status[], limit: number): Promise<Ticket[]> {
    return this.em.query(LIST_FOR_USER, [workspaceId, userId, statuses, limit]);
  }

  listUnassigned(workspaceId: string, limit: number): Promise<Ticket[]> {
    return this.em.query(LIST_UNASSIGNED, [workspaceId, limit]);
  }

  async setThread(ticketId: string, channelId: string, threadId: string, cardUrl: string | null = null): Promise<void> {
    await this.em.getRepository(TicketEntity).update({ id: ticketId }, { channelId, threadId, ...(cardUrl ? { cardUrl } : {}) });
  }

  async setCardUrl(ticketId: string, cardUrl: string): Promise<void> {
    await this.em.query(`UPDATE tickets SET card_url = $2 WHERE id = $1 AND card_url IS NULL`, [ticketId, cardUrl]);
  }

  async cardUrlsOf(workspaceId: string, numbers: readonly number[]): Promise<Map<number, string>> {
    if (numbers.length === 0) return new Map();
    const rows: { number: number; card_url: string }[] = await this.em.query(
      `SELECT number, card_url FROM tickets WHERE workspace_id = $1 AND number = ANY($2::int[]) AND card_url IS NOT NULL`,
      [workspaceId, [...new Set(numbers)]],
    );
    return new Map(rows.map((r) => [r.number, r.card_url]));
  }

  async lockLiveFollowUps(originalIds: readonly string[]): Promise<Ticket[]> {
    if (originalIds.length === 0) return [];
    return this.em.query(LOCK_LIVE_FOLLOW_UPS, [[...originalIds]]);
  }

  async recordSplit(thread: ThreadKey, ticketIds: readonly string[]): Promise<void> {
    await this.em.query(
      `INSERT INTO conversation_splits (workspace_id, channel_id, thread_id, ticket_id) SELECT $1, $2, $3, unnest($4::uuid[]) ON CONFLICT DO NOTHING`,
      [thread.workspaceId, thread.channelId, thread.threadId, [...ticketIds]],
    );
  }

  async splitsOf(threads: readonly ThreadKey[]): Promise<{ thread: ThreadKey; ticket: Ticket }[]> {
    if (threads.length === 0) return [];
    const rows: (Ticket & { splitChannelId: string; splitThreadId: string })[] = await this.em.query(SPLITS_OF, [threads.map((k) => k.workspaceId), threads.map((k) => k.channelId), threads.map((k) => k.threadId)]);
    return rows.map(({ splitChannelId, splitThreadId, ...ticket }) => ({ thread: { workspaceId: ticket.workspaceId, channelId: splitChannelId, threadId: splitThreadId }, ticket }));
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
