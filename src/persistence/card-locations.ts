import type { EntityManager } from 'typeorm';
import type { CardLocations } from '../core';
import { CARD_URLS_OF, SET_CARD_URL, SET_TICKET_THREAD } from './ticket-sql';

/** Where each ticket's card was posted: `tickets.channel_id`, `thread_id` and `card_url`. */
export class TypeormCardLocations implements CardLocations {
  constructor(private readonly em: EntityManager) {}

  async record(ticketId: string, channelId: string, threadId: string, cardUrl: string | null = null): Promise<void> {
    await this.em.query(SET_TICKET_THREAD, [ticketId, channelId, threadId, cardUrl]);
  }

  async setCardUrl(ticketId: string, cardUrl: string): Promise<void> {
    await this.em.query(SET_CARD_URL, [ticketId, cardUrl]);
  }

  async cardUrlsOf(workspaceId: string, numbers: readonly number[]): Promise<Map<number, string>> {
    if (numbers.length === 0) return new Map();
    const rows = await this.em.query<{ number: number; card_url: string }[]>(CARD_URLS_OF, [workspaceId, [...new Set(numbers)]]);
    return new Map(rows.map((r) => [r.number, r.card_url]));
  }
}
