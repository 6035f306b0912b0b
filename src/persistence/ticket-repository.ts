import type { EntityManager } from 'typeorm';
import type { NewTicket, ParticipantRole, Status, ThreadKey, Ticket, TicketRepository } from '../core';
import { toJsonb } from './jsonb';
import { queryPrepared } from './prepared';
import { toRecord, toTicket, ticketFields, type TicketRecord, type TicketWithCcs } from './ticket-record';
import {
  DELETE_PARTICIPANTS, INSERT_PARTICIPANTS, INSERT_TICKET, LIST_FOR_USER, LIST_UNASSIGNED, LOCK_TICKETS_BY_THREADS,
  NEXT_TICKET_NUMBER, SAVE_TICKETS, TICKET_BY_ID, TICKET_BY_ID_FOR_UPDATE,
  LOCK_LIVE_FOLLOW_UPS, SPLITS_OF, RECORD_SPLIT, TICKET_BY_NUMBER, TICKET_BY_NUMBER_FOR_UPDATE, TICKET_NUMBERS,
} from './ticket-sql';

/** Tickets through the plain statements of ticket-sql.ts; the reply path's run prepared. */
export class TypeormTicketRepository implements TicketRepository {
  constructor(private readonly em: EntityManager) {}

  async create(input: NewTicket): Promise<Ticket> {
    const [{ last_number: number }]: { last_number: number }[] = await this.em.query(NEXT_TICKET_NUMBER, [input.workspaceId]);
    const { ccIds = [], ...fields } = input;
    const [row]: TicketRecord[] = await this.em.query(INSERT_TICKET, [toJsonb(toRecord({ ...fields, number }))]);
    const ticket: Ticket = { ...ticketFields(row), ccIds };
    await this.writeParticipants(ticket);
    return ticket;
  }

  save(ticket: Ticket): Promise<void> {
    return this.saveAll([ticket]);
  }

  async saveAll(tickets: readonly Ticket[]): Promise<void> {
    if (tickets.length > 0) await queryPrepared(this.em, 'chamado_save_tickets', SAVE_TICKETS, [toJsonb(tickets.map(toRecord)), tickets.map((t) => t.id)]);
  }

  async saveParticipants(ticket: Ticket): Promise<void> {
    await this.em.query(DELETE_PARTICIPANTS, [ticket.id]);
    await this.writeParticipants(ticket);
  }

  byId(id: string, opts: { lock?: boolean } = {}): Promise<Ticket | null> {
    return this.one(opts.lock ? TICKET_BY_ID_FOR_UPDATE : TICKET_BY_ID, [id]);
  }

  byNumber(workspaceId: string, number: number, opts: { lock?: boolean } = {}): Promise<Ticket | null> {
    return this.one(opts.lock ? TICKET_BY_NUMBER_FOR_UPDATE : TICKET_BY_NUMBER, [workspaceId, number]);
  }

  async lockByThreads(threads: readonly ThreadKey[]): Promise<Ticket[]> {
    if (threads.length === 0) return [];
    const params = [threads.map((k) => k.workspaceId), threads.map((k) => k.channelId), threads.map((k) => k.threadId)];
    return (await queryPrepared<TicketWithCcs>(this.em, 'chamado_lock_tickets_by_threads', LOCK_TICKETS_BY_THREADS, params)).map(toTicket);
  }

  async listForUser(workspaceId: string, userId: string, statuses: readonly Status[], limit: number): Promise<Ticket[]> {
    return (await this.em.query<TicketWithCcs[]>(LIST_FOR_USER, [workspaceId, userId, statuses, limit])).map(toTicket);
  }

  async listUnassigned(workspaceId: string, limit: number): Promise<Ticket[]> {
    return (await this.em.query<TicketWithCcs[]>(LIST_UNASSIGNED, [workspaceId, limit])).map(toTicket);
  }

  async lockLiveFollowUps(originalIds: readonly string[]): Promise<Ticket[]> {
    if (originalIds.length === 0) return [];
    return (await this.em.query<TicketWithCcs[]>(LOCK_LIVE_FOLLOW_UPS, [[...originalIds]])).map(toTicket);
  }

  async recordSplit(thread: ThreadKey, ticketIds: readonly string[]): Promise<void> {
    await this.em.query(RECORD_SPLIT, [thread.workspaceId, thread.channelId, thread.threadId, [...ticketIds]]);
  }

  async splitsOf(threads: readonly ThreadKey[]): Promise<{ thread: ThreadKey; ticket: Ticket }[]> {
    if (threads.length === 0) return [];
    const params = [threads.map((k) => k.workspaceId), threads.map((k) => k.channelId), threads.map((k) => k.threadId)];
    const rows = await this.em.query<(TicketWithCcs & { split_channel_id: string; split_thread_id: string })[]>(SPLITS_OF, params);
    return rows.map((r) => ({ thread: { workspaceId: r.workspace_id, channelId: r.split_channel_id, threadId: r.split_thread_id }, ticket: toTicket(r) }));
  }

  async numbersOf(ids: readonly string[]): Promise<Map<string, number>> {
    if (ids.length === 0) return new Map();
    const rows = await this.em.query<{ id: string; number: number }[]>(TICKET_NUMBERS, [ids]);
    return new Map(rows.map((r) => [r.id, r.number]));
  }

  private async one(sql: string, params: unknown[]): Promise<Ticket | null> {
    const [row] = await this.em.query<TicketWithCcs[]>(sql, params);
    return row ? toTicket(row) : null;
  }

  private async writeParticipants(ticket: Ticket): Promise<void> {
    const row = (userId: string, role: ParticipantRole, addedAt = ticket.updatedAt) => ({
      ticket_id: ticket.id, user_id: userId, role, workspace_id: ticket.workspaceId, added_at: addedAt,
      ticket_status: ticket.status, ticket_created_at: ticket.createdAt, ticket_number: ticket.number,
    });
    const rows = [
      row(ticket.requesterId, 'requester'),
      ...(ticket.assigneeId ? [row(ticket.assigneeId, 'assignee')] : []),
      // One millisecond apart, so the CC list reads back in the order it was given.
      ...ticket.ccIds.map((userId, i) => row(userId, 'cc', new Date(ticket.updatedAt.getTime() + i))),
    ];
    await this.em.query(INSERT_PARTICIPANTS, [toJsonb(rows)]);
  }
}
