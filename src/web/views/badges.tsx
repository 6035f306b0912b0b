import type { TFunction } from 'i18next';
import type { ComponentChildren } from 'preact';
import type { Locale, Priority, Status, Ticket } from '../../core';
import { formatTime } from '../format';

export function StatusBadge({ t, status }: { t: TFunction; status: Status }) {
  return <span class={`badge status-${status}`}>{t(`status.${status}`)}</span>;
}

/** Priority in words and shape, not colour alone. */
export function PriorityBadge({ t, priority }: { t: TFunction; priority: Priority }) {
  return (
    <span class={`badge priority-${priority}`}>
      <span class="priority-mark" aria-hidden="true" />
      {t(`priority.${priority}`)}
    </span>
  );
}

export function Time({ at, locale, timeZone }: { at: Date; locale: Locale; timeZone: string }) {
  return <time dateTime={at.toISOString()}>{formatTime(at, locale, timeZone)}</time>;
}

/** A list row's head (my tickets, the queue): the number and title as one link, then status, priority and `extra` badges. */
export function TicketRowHead({ t, ticket, children }: { t: TFunction; ticket: Pick<Ticket, 'number' | 'title' | 'status' | 'priority'>; children?: ComponentChildren }) {
  return (
    <>
      <a class="ticket-link" href={`/tickets/${ticket.number}`}>
        <span class="ticket-number">#{ticket.number}</span>
        <span class="ticket-title">{ticket.title}</span>
      </a>
      <div class="ticket-badges">
        <StatusBadge t={t} status={ticket.status} />
        <PriorityBadge t={t} priority={ticket.priority} />
        {children}
      </div>
    </>
  );
}
