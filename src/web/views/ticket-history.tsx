import type { TFunction } from 'i18next';
import { isInternalNote, type StoredAuditEvent, type StoredMessage } from '../../core';
import { formatSize } from '../format';
import { parseMessageText, safeUrl } from '../message-text';
import type { Viewer } from '../web-context';
import { Time } from './badges';

function MessageText({ text, plain, nameOf }: { text: string; plain: boolean; nameOf: (id: string) => string }) {
  return (
    <div class="message-text">
      {parseMessageText(text, plain).map((part) => {
        if (part.kind === 'mention') return <span class="mention">@{nameOf(part.userId)}</span>;
        if (part.kind === 'link') {
          const url = safeUrl(part.url);
          return url ? <a href={url} rel="noopener noreferrer nofollow" target="_blank">{part.label}</a> : part.label;
        }
        return part.text;
      })}
    </div>
  );
}

function Message({ message, viewer, nameOf }: { message: StoredMessage; viewer: Viewer; nameOf: (id: string) => string }) {
  const { t, locale, timeZone } = viewer;
  const files = message.attachments.files ?? [];
  // Links the text already shows as links are not listed twice.
  // A mail's words are plain: no chat markup is read in them.
  const plain = message.authorId.startsWith('email:');
  const inline = new Set(parseMessageText(message.text, plain).flatMap((p) => (p.kind === 'link' ? [p.url] : [])));
  const links = (message.attachments.links ?? []).map(safeUrl).filter((u): u is string => u !== null && !inline.has(u));
  const fromWeb = message.platformMessageId.startsWith('web:');
  const mine = message.authorId === viewer.actor.userId;
  return (
    <li class={mine ? 'message mine' : 'message'}>
      <div class="message-head">
        <span class="avatar" aria-hidden="true">{nameOf(message.authorId).slice(0, 1).toUpperCase()}</span>
        <span class="author">{nameOf(message.authorId)}</span>
        {fromWeb && <span class="badge subtle">{t('web:ticket.via_web')}</span>}
        {isInternalNote(message.text) && <span class="badge subtle">{t('web:ticket.internal_note')}</span>}
        <Time at={message.postedAt} locale={locale} timeZone={timeZone} />
      </div>
      <MessageText text={message.text} plain={plain} nameOf={nameOf} />
      {files.length > 0 && (
        <div class="attachments">
          <h4 class="visually-hidden">{t('web:ticket.files')}</h4>
          <ul class="files">
            {files.map((f) => {
              const url = safeUrl(f.url);
              const size = formatSize(f.size, locale);
              return (
                <li class="file">
                  <span class="file-icon" aria-hidden="true" />
                  {url ? <a href={url} rel="noopener noreferrer nofollow" target="_blank">{f.name}</a> : <span>{f.name}</span>}
                  {(size || f.type) && <span class="muted small"> · {[f.type, size].filter(Boolean).join(' · ')}</span>}
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {links.length > 0 && (
        <div class="attachments">
          <h4 class="visually-hidden">{t('web:ticket.links')}</h4>
          <ul class="links">
            {links.map((url) => (
              <li><a href={url} rel="noopener noreferrer nofollow" target="_blank">{url}</a></li>
            ))}
          </ul>
        </div>
      )}
    </li>
  );
}

export function History({ messages, count, viewer, nameOf }: { messages: StoredMessage[]; count: number; viewer: Viewer; nameOf: (id: string) => string }) {
  const { t } = viewer;
  return (
    <section class="panel history" aria-labelledby="history-title">
      <div class="panel-head">
        <h2 id="history-title">{t('web:ticket.history')}</h2>
        <span class="muted small">{t('web:ticket.messages', { count })}</span>
      </div>
      {count > messages.length && <p class="muted small">{t('web:ticket.truncated', { shown: messages.length, count })}</p>}
      {messages.length === 0 ? <p class="empty">{t('web:ticket.no_messages')}</p> : (
        <ol class="messages">
          {messages.map((m) => <Message message={m} viewer={viewer} nameOf={nameOf} />)}
        </ol>
      )}
    </section>
  );
}

function eventText(t: TFunction, e: StoredAuditEvent, nameOf: (id: string) => string): string {
  const actor = e.actorId ? nameOf(e.actorId) : t('web:people.chamado');
  // Read loosely: the page shows what an entry holds, whatever its type's fields are.
  const d = e.data as Record<string, unknown>;
  const word = (group: string, value: unknown) => (typeof value === 'string' ? t(`${group}.${value}`) : '—');
  const people = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string').map(nameOf).join(', ') : '—');
  switch (e.type) {
    case 'created':
      return t('web:events.created', { actor });
    case 'status_changed':
      return t(e.actorId ? 'web:events.status_changed' : 'web:events.status_changed_auto', { actor, from: word('status', d.from), to: word('status', d.to) });
    case 'assigned':
      return t('web:events.assigned', { actor, to: typeof d.to === 'string' ? nameOf(d.to) : '—' });
    case 'cc_added':
    case 'cc_removed':
      return t(`web:events.${e.type}`, { actor, people: people(d.userIds) });
    case 'priority_changed':
      return t('web:events.priority_changed', { actor, from: word('priority', d.from), to: word('priority', d.to) });
    case 'nudged':
      return t('web:events.nudged', { actor });
    case 'follow_up_opened':
      return t('web:events.follow_up_opened', { actor, number: typeof d.number === 'number' ? d.number : '?' });
    default:
      return t('web:events.other', { actor, type: e.type });
  }
}

export function AuditTrail({ events, viewer, nameOf }: { events: StoredAuditEvent[]; viewer: Viewer; nameOf: (id: string) => string }) {
  const { t, locale, timeZone } = viewer;
  return (
    <section class="panel audit" aria-labelledby="audit-title">
      <h2 id="audit-title">{t('web:ticket.audit')}</h2>
      {events.length === 0 ? <p class="empty">{t('web:ticket.no_events')}</p> : (
        <ol class="events">
          {events.map((e) => (
            <li class={`event event-${e.type}`}>
              <span class="event-text">{eventText(t, e, nameOf)}</span>
              <Time at={e.createdAt} locale={locale} timeZone={timeZone} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
