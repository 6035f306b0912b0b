import type { TFunction } from 'i18next';
import type { TicketDetail } from '../../core';
import { adaptiveCard, facts, heading, text, type AdaptiveCard, type CardElement } from './card';
import { escapeMarkdown, markdownT } from './markdown';

function duration(ms: number | null, t: TFunction): string {
  if (ms === null) return t('detail.not_yet');
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('duration.hours', { count: hours }) : t('duration.days', { count: Math.round(hours / 24) });
}

/** `show #n`: status, people and the latest messages. */
export function detailCard(detail: TicketDetail, t: TFunction, names: Map<string, string>): AdaptiveCard {
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
    body.push(...detail.recent.map((m) => text(`${name(m.authorId)}: ${escapeMarkdown(m.text.slice(0, 300))}`, { spacing: 'Small' })));
  }
  return adaptiveCard(body);
}
