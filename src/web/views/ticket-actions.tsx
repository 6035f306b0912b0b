import type { ComponentChildren } from 'preact';
import { PRIORITIES, STATUSES, type Ticket } from '../../core';
import type { Abilities } from '../abilities';
import type { Viewer } from '../web-context';

export interface Person {
  id: string;
  name: string;
}

/** A POST form under /tickets/<n>/…, always with the session's CSRF token. */
export function ActionForm({ ticket, action, csrf, children, class: className }: { ticket: Ticket; action: string; csrf: string; children: ComponentChildren; class?: string }) {
  return (
    <form method="post" action={`/tickets/${ticket.number}/${action}`} class={className ?? 'action-form'}>
      <input type="hidden" name="_csrf" value={csrf} />
      {children}
    </form>
  );
}

export function ReplyForm({ ticket, viewer, draft }: { ticket: Ticket; viewer: Viewer; draft: string }) {
  const { t } = viewer;
  return (
    <section class="panel reply" aria-labelledby="reply-title">
      <h2 id="reply-title">{t('web:actions.reply')}</h2>
      <ActionForm ticket={ticket} action="reply" csrf={viewer.session.csrfToken} class="reply-form">
        <label for="reply-text">{t('web:actions.reply_label')}</label>
        <textarea id="reply-text" name="text" rows={4} required maxLength={4000} aria-describedby="reply-hint">{draft}</textarea>
        <p id="reply-hint" class="muted small">
          {ticket.status === 'closed' ? t('web:actions.reply_closed_hint') : t('web:actions.reply_hint', { name: viewer.name })}
        </p>
        <button type="submit" class="button primary">{t('web:actions.send')}</button>
      </ActionForm>
    </section>
  );
}

function Select({ id, name, label, options, selected, placeholder }: {
  id: string; name: string; label: string; options: { value: string; label: string }[]; selected?: string; placeholder?: string;
}) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} name={name} required>
        {placeholder && <option value="">{placeholder}</option>}
        {options.map((o) => <option value={o.value} selected={o.value === selected}>{o.label}</option>)}
      </select>
    </>
  );
}

/** The buttons and small forms of the side panel: only the ones this person may use. */
export function TicketActions({ ticket, viewer, can, assignees, ccCandidates }: { ticket: Ticket; viewer: Viewer; can: Abilities; assignees: Person[]; ccCandidates: Person[] }) {
  const { t } = viewer;
  const csrf = viewer.session.csrfToken;
  const any = can.close || can.reopen || can.status || can.claim || can.assign || can.priority || can.cc;
  if (!any) return null;
  return (
    <section class="panel actions" aria-labelledby="actions-title">
      <h2 id="actions-title">{t('web:actions.title')}</h2>
      <div class="button-row">
        {can.claim && (
          <ActionForm ticket={ticket} action="claim" csrf={csrf} class="inline-form">
            <button type="submit" class="button">{t('web:actions.claim')}</button>
          </ActionForm>
        )}
        {can.close && (
          <ActionForm ticket={ticket} action="close" csrf={csrf} class="inline-form">
            <button type="submit" class="button">{t('web:actions.close')}</button>
          </ActionForm>
        )}
        {can.reopen && (
          <ActionForm ticket={ticket} action="reopen" csrf={csrf} class="inline-form">
            <button type="submit" class="button">{t('web:actions.reopen')}</button>
          </ActionForm>
        )}
      </div>
      {can.status && (
        <ActionForm ticket={ticket} action="status" csrf={csrf}>
          <Select
            id="status-select" name="status" label={t('web:actions.status_label')} selected={ticket.status}
            options={STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
          />
          <button type="submit" class="button small">{t('web:actions.set_status')}</button>
        </ActionForm>
      )}
      {can.priority && (
        <ActionForm ticket={ticket} action="priority" csrf={csrf}>
          <Select
            id="priority-select" name="priority" label={t('web:actions.priority_label')} selected={ticket.priority}
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
          <button type="submit" class="button small">{t('web:actions.set_priority')}</button>
        </ActionForm>
      )}
      {can.assign && assignees.length > 0 && (
        <ActionForm ticket={ticket} action="assign" csrf={csrf}>
          <Select
            id="assign-select" name="person" label={t('web:actions.assign_label')} placeholder={t('web:actions.choose')} selected={ticket.assigneeId ?? ''}
            options={assignees.map((p) => ({ value: p.id, label: p.name }))}
          />
          <button type="submit" class="button small">{t('web:actions.assign')}</button>
        </ActionForm>
      )}
      {can.cc && ccCandidates.length > 0 && (
        <ActionForm ticket={ticket} action="cc" csrf={csrf}>
          <Select
            id="cc-select" name="person" label={t('web:actions.cc_label')} placeholder={t('web:actions.choose')}
            options={ccCandidates.map((p) => ({ value: p.id, label: p.name }))}
          />
          <button type="submit" class="button small">{t('web:actions.cc_add')}</button>
        </ActionForm>
      )}
    </section>
  );
}
