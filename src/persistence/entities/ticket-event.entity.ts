import { EntitySchema } from 'typeorm';

export interface TicketEventRow {
  id: string;
  ticketId: string;
  actorId: string | null;
  type: string;
  data: Record<string, unknown>;
  createdAt: Date;
}

/** The audit trail: every change, who made it, when. */
export const TicketEventEntity = new EntitySchema<TicketEventRow>({
  name: 'TicketEvent',
  tableName: 'ticket_events',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    ticketId: { type: 'uuid', name: 'ticket_id' },
    actorId: { type: 'text', name: 'actor_id', nullable: true },
    type: { type: 'text' },
    data: { type: 'jsonb', default: () => "'{}'" },
    createdAt: { type: 'timestamptz', name: 'created_at', default: () => 'now()' },
  },
  foreignKeys: [{ name: 'ticket_events_ticket_id_fkey', target: 'Ticket', columnNames: ['ticketId'], referencedColumnNames: ['id'], onDelete: 'CASCADE' }],
  indices: [{ name: 'ticket_events_ticket', columns: ['ticketId', 'id'] }],
});
