import type { EntityManager } from 'typeorm';
import type { CardLocations } from '../core';
import { SET_TICKET_THREAD } from './ticket-sql';

/** Where each ticket's card was posted: `tickets.channel_id` and `thread_id`. */
export class TypeormCardLocations implements CardLocations {
  constructor(private readonly em: EntityManager) {}

  async record(ticketId: string, channelId: string, threadId: string): Promise<void> {
    await this.em.query(SET_TICKET_THREAD, [ticketId, channelId, threadId]);
  }
}
