import type { TicketPage as TicketPageModel } from '../../core';
import type { Abilities } from '../abilities';
import { safeUrl } from '../message-text';
import type { Viewer } from '../web-context';
import { PriorityBadge, StatusBadge, Time } from './badges';
import { Layout, type Chrome } from './layout';
import { ActionForm, ReplyForm, TicketActions, type Person } from './ticket-actions';
import { AuditTrail, History } from './ticket-history';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

export interface TicketPageData {
  chrome: Chrome;
  viewer: Viewer;
  page: TicketPageModel;
  nameOf: (id: string) => string;
  threadUrl: string | null;
  can: Abilities;
  assignees: Person[];
  ccCandidates: Person[];
  flash: Flash | null;
  draft: string;
}

function Details({ data }: { data: TicketPageData }) {
  const { page, viewer, nameOf, can } = data;
  const { ticket } = page;
  const { t, locale, timeZone } = viewer;
  return (
    <section class="panel details" aria-labelledby="details-title">
      <h2 id="details-title" class="visually-hidden">{t('web:ticket.people')}</h2>
      <dl class="facts">
        <div>
          <dt>{t('web:ticket.requester')}</dt>
          <dd>{nameOf(ticket.requesterId)}</dd>
        </div>
        <div>
          <dt>{t('web:ticket.assignee')}</dt>
          <dd>{ticket.assigneeId ? nameOf(ticket.assigneeId) : <span class="muted">{t('web:ticket.unassigned')}</span>}</dd>
        </div>
        <div>
          <dt>{t('web:ticket.cc')}</dt>
          <dd>
            {ticket.ccIds.length === 0 ? <span class="muted">{t('web:ticket.nobody')}</span> : (
              <ul class="cc-list">
                {ticket.ccIds.map((id) => (
                  <li>
                    <span>{nameOf(id)}</span>
                    {can.uncc(id) && (
                      <ActionForm ticket={ticket} action="uncc" csrf={viewer.session.csrfToken} class="inline-form">
                        <input type="hidden" name="person" value={id} />
                        <button type="submit" class="link-button" aria-label={t('web:actions.cc_remove', { name: nameOf(id) })}>{t('web:actions.cc_remove_short')}</button>
                      </ActionForm>
                    )}
                  </li>
                ))}
              </ul>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('web:ticket.opened')}</dt>
          <dd><Time at={ticket.createdAt} locale={locale} timeZone={timeZone} /></dd>
        </div>
        <div>
          <dt>{t('web:ticket.changed')}</dt>
          <dd><Time at={ticket.updatedAt} locale={locale} timeZone={timeZone} /></dd>
        </div>
        {ticket.closedAt && (
          <div>
            <dt>{t('web:ticket.closed')}</dt>
            <dd><Time at={ticket.closedAt} locale={locale} timeZone={timeZone} /></dd>
          </div>
        )}
        {page.followUpOf !== null && (
          <div>
            <dt>{t('web:ticket.follow_up_of')}</dt>
            <dd><a href={`/tickets/${page.followUpOf}`}>#{page.followUpOf}</a></dd>
          </div>
        )}
        {page.followUps.length > 0 && (
          <div>
            <dt>{t('web:ticket.follow_ups')}</dt>
            <dd class="follow-ups">{page.followUps.map((n) => <a href={`/tickets/${n}`}>#{n}</a>)}</dd>
          </div>
        )}
      </dl>
      <p class="muted small">{t('web:ticket.time_zone', { zone: timeZone })}</p>
      {data.threadUrl && safeUrl(data.threadUrl) ? (
        <a class="button ghost wide" href={safeUrl(data.threadUrl)!} rel="noopener noreferrer" target="_blank">{t('web:ticket.thread')}</a>
      ) : (
        <p class="muted small">{t('web:ticket.no_thread')}</p>
      )}
    </section>
  );
}

/** GET /tickets/<n>: the whole ticket. */
export function TicketPage(data: TicketPageData) {
  const { page, viewer } = data;
  const { ticket } = page;
  const { t } = viewer;
  return (
    <Layout chrome={data.chrome} title={`#${ticket.number} ${ticket.title}`}>
      <p class="crumbs"><a href="/tickets">← {t('web:ticket.back')}</a></p>
      <header class={`ticket-head status-edge-${ticket.status}`}>
        <h1>
          <span class="ticket-number">#{ticket.number}</span> <span class="ticket-title">{ticket.title}</span>
        </h1>
        <div class="ticket-badges">
          <span class="visually-hidden">{t('web:ticket.status')}:</span>
          <StatusBadge t={t} status={ticket.status} />
          <span class="visually-hidden">{t('web:ticket.priority')}:</span>
          <PriorityBadge t={t} priority={ticket.priority} />
        </div>
      </header>
      {data.flash && (
        <p class={`flash flash-${data.flash.kind}`} role={data.flash.kind === 'error' ? 'alert' : 'status'}>{data.flash.text}</p>
      )}
      <div class="ticket-layout">
        <div class="ticket-main">
          <History messages={page.messages} count={page.messageCount} viewer={viewer} nameOf={data.nameOf} />
          <ReplyForm ticket={ticket} viewer={viewer} draft={data.draft} />
        </div>
        <aside class="ticket-side">
          <Details data={data} />
          <TicketActions ticket={ticket} viewer={viewer} can={data.can} assignees={data.assignees} ccCandidates={data.ccCandidates} />
          <AuditTrail events={page.events} viewer={viewer} nameOf={data.nameOf} />
        </aside>
      </div>
    </Layout>
  );
}
