import { EntitySchema } from 'typeorm';
import type { Ticket } from '../../core';

/** A row of `tickets` (contract §7): the core's ticket without its CCs, which live in `ticket_participants`. */
export type TicketRow = Omit<Ticket, 'ccIds'>;

const text = (name: string, nullable = false) => ({ type: 'text' as const, name, nullable });
const time = (name: string, nullable = false) => ({ type: 'timestamptz' as const, name, nullable });
const now = { default: () => 'now()' };

export const TicketEntity = new EntitySchema<TicketRow>({
  name: 'Ticket',
  tableName: 'tickets',
  columns: {
    id: { type: 'uuid', primary: true, generated: 'uuid' },
    workspaceId: text('workspace_id'),
    platform: text('platform'),
    number: { type: 'integer' },
    title: text('title'),
    status: { ...text('status'), default: 'open' },
    priority: { ...text('priority'), default: 'normal' },
    requesterId: text('requester_id'),
    assigneeId: text('assignee_id', true),
    followUpOf: { type: 'uuid', name: 'follow_up_of', nullable: true },
    channelId: text('channel_id'),
    threadId: text('thread_id', true),
    sourceChannelId: text('source_channel_id', true),
    sourceThreadId: text('source_thread_id', true),
    cardUrl: text('card_url', true),
    createdAt: { ...time('created_at'), ...now },
    updatedAt: { ...time('updated_at'), ...now },
    closedAt: time('closed_at', true),
    closeReason: text('close_reason', true),
    pendingSince: time('pending_since', true),
    lastActivityAt: { ...time('last_activity_at'), ...now },
    lastCustomerActivityAt: time('last_customer_activity_at', true),
    firstResponseAt: time('first_response_at', true),
    slaAlertedAt: time('sla_alerted_at', true),
  },
  // Mirrors migrations/ exactly (a test checks it), so migration:generate proposes only real changes.
  uniques: [{ name: 'tickets_workspace_number', columns: ['workspaceId', 'number'] }],
  checks: [
    { name: 'tickets_platform_check', expression: "platform IN ('slack', 'teams')" },
    { name: 'tickets_status_check', expression: "status IN ('open', 'pending', 'closed')" },
    { name: 'tickets_priority_check', expression: "priority IN ('low', 'normal', 'high', 'urgent')" },
  ],
  foreignKeys: [{ name: 'tickets_follow_up_of_fkey', target: 'Ticket', columnNames: ['followUpOf'], referencedColumnNames: ['id'], onDelete: 'SET NULL' }],
  indices: [
    { name: 'tickets_thread', columns: ['workspaceId', 'channelId', 'threadId'], where: 'thread_id IS NOT NULL' },
    { name: 'tickets_unassigned', columns: ['workspaceId', 'createdAt'], where: "status = 'open' AND assignee_id IS NULL" },
    { name: 'tickets_pending_due', columns: ['pendingSince'], where: "status = 'pending'" },
    { name: 'tickets_sla_due', columns: ['createdAt'], where: "status = 'open' AND first_response_at IS NULL AND sla_alerted_at IS NULL" },
    { name: 'tickets_follow_up_of', columns: ['followUpOf'], where: 'follow_up_of IS NOT NULL' },
    // Expression indexes (search vector, queue order), which entity metadata cannot describe.
    { name: 'tickets_search', synchronize: false },
    { name: 'tickets_queue', synchronize: false },
  ],
});
