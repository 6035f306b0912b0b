import type { ListFilter, Ticket } from '../../core';
import type { Viewer } from '../web-context';
import { PriorityBadge, StatusBadge, Time } from './badges';
import { Layout, type Chrome } from './layout';

export const LIST_FILTERS: readonly ListFilter[] = ['active', 'open', 'pending', 'closed', 'all'];

/** `?status=` words: `active` (not closed) is the default and has no word of its own. */
export const filterParam = (f: ListFilter) => (f === 'active' ? '' : `?status=${f}`);

export interface TicketsPageData {
  chrome: Chrome;
  viewer: Viewer;
  filter: ListFilter;
  tickets: Ticket[];
  limit: number;
  nameOf: (id: string) => string;
}

function role(ticket: Ticket, userId: string): 'requester' | 'assignee' | 'cc' | null {
  if (ticket.requesterId === userId) return 'requester';
  if (ticket.assigneeId === userId) return 'assignee';
  return ticket.ccIds.includes(userId) ? 'cc' : null;
}

function TicketRow({ ticket, data }: { ticket: Ticket; data: TicketsPageData }) {
  const { t, locale, timeZone, actor } = data.viewer;
  const mine = role(ticket, actor.userId);
  return (
    <li class={`ticket-row status-edge-${ticket.status}`}>
      <a class="ticket-link" href={`/tickets/${ticket.number}`}>
        <span class="ticket-number">#{ticket.number}</span>
        <span class="ticket-title">{ticket.title}</span>
      </a>
      <div class="ticket-badges">
        <StatusBadge t={t} status={ticket.status} />
        <PriorityBadge t={t} priority={ticket.priority} />
        {mine && <span class="badge role">{t(`web:list.role.${mine}`)}</span>}
      </div>
      <p class="ticket-meta">
        <span>{t('web:ticket.requester')}: {data.nameOf(ticket.requesterId)}</span>
        <span>{t('web:ticket.assignee')}: {ticket.assigneeId ? data.nameOf(ticket.assigneeId) : t('web:ticket.unassigned')}</span>
        <span>
          {t('web:ticket.changed')}: <Time at={ticket.updatedAt} locale={locale} timeZone={timeZone} />
        </span>
      </p>
    </li>
  );
}

/** GET /tickets: my tickets (requester, assignee, CC), newest opened first. */
export function TicketsPage(data: TicketsPageData) {
  const { t } = data.viewer;
  const title = t('web:list.title');
  return (
    <Layout chrome={data.chrome} title={title}>
      <div class="page-head">
        <div>
          <h1>{title}</h1>
          <p class="muted">{t('web:list.intro')}</p>
        </div>
        <p class="count" aria-live="polite">{t('web:list.count', { count: data.tickets.length })}</p>
      </div>
      <nav class="filters" aria-label={t('web:list.filter_label')}>
        {LIST_FILTERS.map((f) => (
          <a href={`/tickets${filterParam(f)}`} class={f === data.filter ? 'filter current' : 'filter'} aria-current={f === data.filter ? 'page' : undefined}>
            {t(`web:list.filter.${f}`)}
          </a>
        ))}
      </nav>
      {data.tickets.length === 0 ? (
        <p class="empty">{t('web:list.empty')}</p>
      ) : (
        <ul class="ticket-list">
          {data.tickets.map((ticket) => <TicketRow ticket={ticket} data={data} />)}
        </ul>
      )}
      {data.tickets.length >= data.limit && <p class="muted">{t('web:list.limit', { count: data.limit })}</p>}
    </Layout>
  );
}
