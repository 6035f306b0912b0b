import { EntitySchema } from 'typeorm';
import type { Ticket } from '../../core';

/** A row of `tickets` (contract §7): the core's ticket without its CCs, which live in `ticket_participants`. */
export type TicketRow = Omit<Ticket, 'ccIds'>;

const text = (name: string, nullable = false) => ({ type: 'text' as const, name, nullable });
const time = (name: string, nullable = false) => ({ type: 'timestamptz' as const, name, nullable });

export const TicketEntity = new EntitySchema<TicketRow>({
  name: 'Ticket',
  tableName: 'tickets',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    workspaceId: text('workspace_id'),
    platform: text('platform'),
    number: { type: 'integer' },
    title: text('title'),
    status: text('status'),
    priority: text('priority'),
    requesterId: text('requester_id'),
    assigneeId: text('assignee_id', true),
    followUpOf: { type: 'uuid', name: 'follow_up_of', nullable: true },
    channelId: text('channel_id'),
    threadId: text('thread_id', true),
    sourceChannelId: text('source_channel_id', true),
    sourceThreadId: text('source_thread_id', true),
    createdAt: time('created_at'),
    updatedAt: time('updated_at'),
    closedAt: time('closed_at', true),
    closeReason: text('close_reason', true),
    pendingSince: time('pending_since', true),
    lastActivityAt: time('last_activity_at'),
    lastCustomerActivityAt: time('last_customer_activity_at', true),
    firstResponseAt: time('first_response_at', true),
    reminderStepsSent: { type: 'integer', name: 'reminder_steps_sent' },
    slaAlertedAt: time('sla_alerted_at', true),
  },
});
