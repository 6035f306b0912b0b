import { EntitySchema } from 'typeorm';
import type { ParticipantRole } from '../../core';

export interface ParticipantRow {
  ticketId: string;
  userId: string;
  role: ParticipantRole;
  workspaceId: string;
  addedAt: Date;
}

/** Who is on a ticket: the index behind "my tickets" (requester, assignee or CC). */
export const TicketParticipantEntity = new EntitySchema<ParticipantRow>({
  name: 'TicketParticipant',
  tableName: 'ticket_participants',
  columns: {
    ticketId: { type: 'uuid', name: 'ticket_id', primary: true },
    userId: { type: 'text', name: 'user_id', primary: true },
    role: { type: 'text', primary: true },
    workspaceId: { type: 'text', name: 'workspace_id' },
    addedAt: { type: 'timestamptz', name: 'added_at', default: () => 'now()' },
  },
  checks: [{ name: 'ticket_participants_role_check', expression: "role IN ('requester', 'assignee', 'cc')" }],
  foreignKeys: [{ name: 'ticket_participants_ticket_id_fkey', target: 'Ticket', columnNames: ['ticketId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  indices: [{ name: 'ticket_participants_user', columns: ['workspaceId', 'userId', 'ticketId'] }],
});
