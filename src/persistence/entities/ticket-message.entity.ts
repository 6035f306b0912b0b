import { EntitySchema } from 'typeorm';
import type { Attachments } from '../../core';

export interface TicketMessageRow {
  id: string;
  ticketId: string;
  platformMessageId: string;
  authorId: string;
  text: string;
  attachments: Attachments;
  postedAt: Date;
}

/** A ticket's history: every message, who said it, its files and links. */
export const TicketMessageEntity = new EntitySchema<TicketMessageRow>({
  name: 'TicketMessage',
  tableName: 'ticket_messages',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    ticketId: { type: 'uuid', name: 'ticket_id' },
    platformMessageId: { type: 'text', name: 'platform_message_id' },
    authorId: { type: 'text', name: 'author_id' },
    text: { type: 'text' },
    attachments: { type: 'jsonb' },
    postedAt: { type: 'timestamptz', name: 'posted_at' },
  },
});
