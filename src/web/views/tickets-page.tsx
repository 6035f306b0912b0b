import type { ListFilter, Ticket } from '../../core';
import type { Viewer } from '../web-context';
import { TicketRowHead, Time } from './badges';
import { Layout, type Chrome } from './layout';

export const LIST_FILTERS: readonly ListFilter[] = ['active', 'open', 'pending', 'closed', 'all'];

/**
 * A list page's address. Without a search, `active` (not closed) is the default and has no word of
 * its own; with one, the default is every status, so `active` is written out.
 */
export function listHref(filter: ListFilter, q = ''): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (filter !== (q ? 'all' : 'active')) params.set('status', filter);
  const query = params.toString();
  return query ? `/tickets?${query}` : '/tickets';
}

export interface TicketsPageData {
  chrome: Chrome;
  viewer: Viewer;
  filter: ListFilter;
  /** The search words, or '' for the plain list. */
  q: string;
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
      <TicketRowHead t={t} ticket={ticket}>
        {mine && <span class="badge role">{t(`web:list.role.${mine}`)}</span>}
      </TicketRowHead>
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

/** The search box: a plain GET form, the status filter kept when one was picked. */
export function SearchForm({ t, action, q, hidden }: { t: Viewer['t']; action: string; q: string; hidden: Record<string, string> }) {
  return (
    <form method="get" action={action} class="search-form" role="search">
      <label for="search-q" class="visually-hidden">{t('web:search.label')}</label>
      <input id="search-q" type="search" name="q" value={q} maxLength={200} placeholder={t('web:search.placeholder')} />
      {Object.entries(hidden).map(([name, value]) => <input type="hidden" name={name} value={value} />)}
      <button type="submit" class="button primary">{t('web:search.submit')}</button>
      {q && <a class="button ghost" href={action}>{t('web:search.clear')}</a>}
    </form>
  );
}

/** GET /tickets: my tickets (requester, assignee, CC), newest opened first; or search results. */
export function TicketsPage(data: TicketsPageData) {
  const { t } = data.viewer;
  const { q } = data;
  const title = q ? t('web:search.title', { words: q }) : t('web:list.title');
  const keepStatus: Record<string, string> = data.filter === 'active' ? {} : { status: data.filter };
  return (
    <Layout chrome={data.chrome} title={title}>
      <div class="page-head">
        <div>
          <h1>{title}</h1>
          <p class="muted">{q ? t(data.viewer.actor.isAgent ? 'web:search.intro_agent' : 'web:search.intro') : t('web:list.intro')}</p>
        </div>
        <p class="count" aria-live="polite">{t('web:list.count', { count: data.tickets.length })}</p>
      </div>
      <div class="toolbar">
        <nav class="filters" aria-label={t('web:list.filter_label')}>
          {LIST_FILTERS.map((f) => (
            <a href={listHref(f, q)} class={f === data.filter ? 'filter current' : 'filter'} aria-current={f === data.filter ? 'page' : undefined}>
              {t(`web:list.filter.${f}`)}
            </a>
          ))}
        </nav>
        <SearchForm t={t} action="/tickets" q={q} hidden={q ? { status: data.filter } : keepStatus} />
      </div>
      {data.tickets.length === 0 ? (
        <p class="empty">{q ? t('web:search.empty', { words: q }) : t('web:list.empty')}</p>
      ) : (
        <ul class="ticket-list">
          {data.tickets.map((ticket) => <TicketRow ticket={ticket} data={data} />)}
        </ul>
      )}
      {data.tickets.length >= data.limit && <p class="muted">{t(q ? 'web:search.limit' : 'web:list.limit', { count: data.limit })}</p>}
    </Layout>
  );
}
