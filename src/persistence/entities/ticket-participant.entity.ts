import { EntitySchema } from 'typeorm';
import type { ParticipantRole, Status } from '../../core';

export interface ParticipantRow {
  ticketId: string;
  userId: string;
  role: ParticipantRole;
  workspaceId: string;
  addedAt: Date;
  /** The ticket's status, creation time and number, copied so "my tickets" is read from the index alone. */
  ticketStatus: Status;
  ticketCreatedAt: Date;
  ticketNumber: number;
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
    ticketStatus: { type: 'text', name: 'ticket_status' },
    ticketCreatedAt: { type: 'timestamptz', name: 'ticket_created_at' },
    ticketNumber: { type: 'integer', name: 'ticket_number' },
  },
  checks: [{ name: 'ticket_participants_role_check', expression: "role IN ('requester', 'assignee', 'cc')" }],
  foreignKeys: [{ name: 'ticket_participants_ticket_id_fkey', target: 'Ticket', columnNames: ['ticketId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  indices: [{ name: 'ticket_participants_user', columns: ['workspaceId', 'userId', 'ticketStatus', 'ticketCreatedAt', 'ticketNumber', 'ticketId'] }],
});
