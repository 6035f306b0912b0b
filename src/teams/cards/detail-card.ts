import type { TFunction } from 'i18next';
import type { Locale, StoredMessage, TicketDetail } from '../../core';
import { formatTime } from '../../times';
import { adaptiveCard, facts, heading, text, type AdaptiveCard, type CardElement } from './card';
import { escapeMarkdown, markdownT } from './markdown';

/** Who is reading: times are shown in their language and time zone. */
export interface DetailViewer {
  locale: Locale;
  timeZone: string;
}

export function duration(ms: number | null, t: TFunction): string {
  if (ms === null) return t('detail.not_yet');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('duration.hours', { count: hours }) : t('duration.days', { count: Math.round(hours / 24) });
}

/** One history entry: who and when, the text, then its files and links (as links). */
function messageBlock(m: StoredMessage, t: TFunction, name: (id: string) => string, viewer: DetailViewer): CardElement {
  const items: CardElement[] = [
    text(`**${name(m.authorId)}** · ${formatTime(m.postedAt, viewer.locale, viewer.timeZone)}`, { spacing: 'None', isSubtle: true }),
    text(escapeMarkdown(m.text.slice(0, 500)) || t('detail.file_only'), { spacing: 'None' }),
  ];
  const files = m.attachments.files.map((f) => `[${f.name.replace(/[[\]]/g, '')}](${f.url})`);
  if (files.length > 0) items.push(text(`${t('detail.files')}: ${files.join(', ')}`, { spacing: 'None' }));
  const links = m.attachments.links.map((url) => `[${url.replace(/[[\]]/g, '')}](${url})`);
  if (links.length > 0) items.push(text(`${t('detail.links')}: ${links.join(', ')}`, { spacing: 'None' }));
  return { type: 'Container', spacing: 'Small', items };
}

/** `show #n`: status, people and the latest messages with their files and links. */
export function detailCard(detail: TicketDetail, t: TFunction, names: Map<string, string>, viewer: DetailViewer): AdaptiveCard {
  const { ticket } = detail;
  const name = (id: string | null) => (id ? escapeMarkdown(names.get(id) ?? id) : t('tickets.unassigned'));
  const body: CardElement[] = [
    heading(markdownT(t, 'detail.title', { number: ticket.number, title: ticket.title })),
    facts([
      [t('detail.status'), t(`status.${ticket.status}`)],
      [t('detail.priority'), t(`priority.${ticket.priority}`)],
      [t('detail.requester'), name(ticket.requesterId)],
      [t('detail.assignee'), name(ticket.assigneeId)],
      [t('detail.cc'), ticket.ccIds.length ? ticket.ccIds.map(name).join(', ') : '-'],
      [t('detail.first_response'), duration(detail.firstResponseMs, t)],
      [t('detail.resolution'), duration(detail.resolutionMs, t)],
    ]),
  ];
  if (detail.followUpOfNumber !== null) body.push(text(t('detail.follow_up_of', { number: detail.followUpOfNumber })));
  body.push(text(t('detail.messages', { count: detail.messageCount }), { isSubtle: true }));
  if (detail.recent.length > 0) {
    body.push(text(t('detail.history'), { weight: 'Bolder' }));
    const earlier = detail.messageCount - detail.recent.length;
    if (earlier > 0) body.push(text(t('detail.earlier', { count: earlier }), { isSubtle: true, spacing: 'None' }));
    body.push(...detail.recent.map((m) => messageBlock(m, t, name, viewer)));
  }
  // The click asks for the private sign-in link (card-action.ts): no bearer link is kept in the card.
  const actions = [{ type: 'Action.Submit', title: t('web:chat.open_button'), data: { chamado: 'web', number: ticket.number } }];
  return adaptiveCard(body, actions);
}
