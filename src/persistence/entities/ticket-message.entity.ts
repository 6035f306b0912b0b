import { EntitySchema } from 'typeorm';
import type { StoredMessage } from '../../core';

/** A row of `ticket_messages`: the core's stored message, and its ticket's workspace (for search). */
export type TicketMessageRow = StoredMessage & { workspaceId?: string | null };

/** A ticket's history: every message, who said it, its files and links. */
export const TicketMessageEntity = new EntitySchema<TicketMessageRow>({
  name: 'TicketMessage',
  tableName: 'ticket_messages',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    ticketId: { type: 'uuid', name: 'ticket_id' },
    workspaceId: { type: 'text', name: 'workspace_id', nullable: true },
    platformMessageId: { type: 'text', name: 'platform_message_id' },
    authorId: { type: 'text', name: 'author_id' },
    text: { type: 'text' },
    attachments: { type: 'jsonb', default: () => `'{"files": [], "links": []}'` },
    postedAt: { type: 'timestamptz', name: 'posted_at' },
  },
  uniques: [{ name: 'ticket_messages_once', columns: ['ticketId', 'platformMessageId'] }],
  foreignKeys: [{ name: 'ticket_messages_ticket_id_fkey', target: 'Ticket', columnNames: ['ticketId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  indices: [
    { name: 'ticket_messages_history', columns: ['ticketId', 'postedAt'] },
    // A GIN index over the workspace and an expression (the search vector), which entity metadata cannot describe.
    { name: 'ticket_messages_search', synchronize: false },
  ],
});
