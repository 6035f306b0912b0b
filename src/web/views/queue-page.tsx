import type { Priority, QueuePage as QueuePageModel, Ticket } from '../../core';
import { PRIORITIES } from '../../core';
import type { Viewer } from '../web-context';
import { TicketRowHead, Time } from './badges';
import { Layout, type Chrome } from './layout';

/** The queue's filters as the URL carries them; null: any. */
export interface QueueParams {
  status: 'open' | 'pending' | null;
  priority: Priority | null;
  assignee: 'me' | 'none' | null;
  q: string;
}

/** A queue page's address: only the filters that are set, and the page when it is not the first. */
export function queueHref(filters: QueueParams, page = 1): string {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.q) params.set('q', filters.q);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/queue?${query}` : '/queue';
}

export interface QueuePageData {
  chrome: Chrome;
  viewer: Viewer;
  filters: QueueParams;
  page: QueuePageModel;
  pageSize: number;
  nameOf: (id: string) => string;
}

/** How long a ticket has waited, in the chat answers' short words (45 min, 3 h, 2 d). */
function waited(t: Viewer['t'], ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 120) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('duration.hours', { count: hours }) : t('duration.days', { count: Math.round(hours / 24) });
}

function QueueRow({ ticket, data }: { ticket: Ticket; data: QueuePageData }) {
  const { t, locale, timeZone } = data.viewer;
  const mine = ticket.assigneeId === data.viewer.actor.userId;
  return (
    <li class={`ticket-row status-edge-${ticket.status}`}>
      <TicketRowHead t={t} ticket={ticket}>
        {ticket.assigneeId === null
          ? <span class="badge unassigned">{t('web:queue.unassigned')}</span>
          : mine && <span class="badge role">{t('web:list.role.assignee')}</span>}
      </TicketRowHead>
      <p class="ticket-meta">
        <span class="waiting">{t('web:queue.waiting', { age: waited(t, data.page.at.getTime() - ticket.createdAt.getTime()) })}</span>
        <span>{t('web:ticket.requester')}: {data.nameOf(ticket.requesterId)}</span>
        {ticket.assigneeId !== null && <span>{t('web:ticket.assignee')}: {data.nameOf(ticket.assigneeId)}</span>}
        <span>
          {t('web:ticket.opened')}: <Time at={ticket.createdAt} locale={locale} timeZone={timeZone} />
        </span>
      </p>
    </li>
  );
}

function Select({ id, name, label, value, options }: { id: string; name: string; label: string; value: string | null; options: [string, string][] }) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        {options.map(([v, text]) => <option value={v} selected={(value ?? '') === v}>{text}</option>)}
      </select>
    </div>
  );
}

/** The filters: a plain GET form (works without JavaScript); applying it starts again at page 1. */
function QueueFilters({ data }: { data: QueuePageData }) {
  const { t } = data.viewer;
  const f = data.filters;
  return (
    <form method="get" action="/queue" class="queue-filters" role="search" aria-label={t('web:queue.filters')}>
      <Select id="queue-status" name="status" label={t('web:queue.status')} value={f.status}
        options={[['', t('web:list.filter.active')], ['open', t('web:list.filter.open')], ['pending', t('web:list.filter.pending')]]} />
      <Select id="queue-priority" name="priority" label={t('web:queue.priority')} value={f.priority}
        options={[['', t('web:queue.any_priority')], ...[...PRIORITIES].reverse().map((p): [string, string] => [p, t(`priority.${p}`)])]} />
      <Select id="queue-assignee" name="assignee" label={t('web:queue.assignee')} value={f.assignee}
        options={[['', t('web:queue.anyone')], ['none', t('web:queue.unassigned')], ['me', t('web:queue.me')]]} />
      <div class="field grow">
        <label for="queue-q">{t('web:search.label')}</label>
        <input id="queue-q" type="search" name="q" value={f.q} maxLength={200} placeholder={t('web:search.placeholder')} />
      </div>
      <div class="field buttons">
        <button type="submit" class="button primary">{t('web:queue.apply')}</button>
        <a class="button ghost" href="/queue">{t('web:queue.reset')}</a>
      </div>
    </form>
  );
}

function Pager({ data }: { data: QueuePageData }) {
  const { t } = data.viewer;
  const { page, pages } = data.page;
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={t('web:queue.pages')}>
      {page > 1 ? <a class="button" rel="prev" href={queueHref(data.filters, page - 1)}>{t('web:queue.previous')}</a> : <span />}
      <span class="pager-where">{t('web:queue.page_of', { page, pages })}</span>
      {page < pages ? <a class="button" rel="next" href={queueHref(data.filters, page + 1)}>{t('web:queue.next')}</a> : <span />}
    </nav>
  );
}

/** GET /queue: the agents' queue, unassigned first, then by priority, then the longest waiting. */
export function QueuePage(data: QueuePageData) {
  const { t } = data.viewer;
  const { tickets, total, page } = data.page;
  const first = (page - 1) * data.pageSize + 1;
  const title = t('web:queue.title');
  return (
    <Layout chrome={data.chrome} title={title}>
      <div class="page-head">
        <div>
          <h1>{title}</h1>
          <p class="muted">{t('web:queue.intro')}</p>
        </div>
        <p class="count" aria-live="polite">
          {tickets.length === 0 ? t('web:list.count', { count: total }) : t('web:queue.count', { count: total, from: first, to: first + tickets.length - 1 })}
        </p>
      </div>
      <QueueFilters data={data} />
      {tickets.length === 0 ? (
        <p class="empty">{t('web:queue.empty')}</p>
      ) : (
        <ul class="ticket-list">
          {tickets.map((ticket) => <QueueRow ticket={ticket} data={data} />)}
        </ul>
      )}
      <Pager data={data} />
    </Layout>
  );
}
