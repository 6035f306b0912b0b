import type { TFunction } from 'i18next';
import { emailPeopleOf, type Status, type Ticket } from '../../core';
import { adaptiveCard, facts, heading, submit, text, type AdaptiveCard, type CardElement } from './card';
import { escapeMarkdown, markdownT } from './markdown';

/** The one-line summary every ticket card carries: `#n`, the title and the status word. */
export const ticketSummary = (ticket: Ticket, t: TFunction) =>
  markdownT(t, 'teams:card.summary', { number: ticket.number, title: ticket.title, status: t(`status.${ticket.status}`) });

const BUTTONS: Record<Status, ('claim' | 'pending' | 'close' | 'reopen')[]> = {
  open: ['claim', 'pending', 'close'],
  pending: ['claim', 'reopen', 'close'],
  closed: ['reopen'],
};

/** The ticket card in the ticket's channel; `t` speaks the requester's language. */
export function ticketCard(ticket: Ticket, t: TFunction, names: Map<string, string>): AdaptiveCard {
  const name = (id: string | null) => (id ? escapeMarkdown(names.get(id) ?? id) : t('tickets.unassigned'));
  const body: CardElement[] = [
    heading(ticketSummary(ticket, t)),
    facts([
      [t('detail.status'), t(`status.${ticket.status}`)],
      [t('detail.priority'), t(`priority.${ticket.priority}`)],
      [t('detail.requester'), name(ticket.requesterId)],
      [t('detail.assignee'), name(ticket.assigneeId)],
      ...(ticket.ccIds.length ? [[t('detail.cc'), ticket.ccIds.map(name).join(', ')] as [string, string]] : []),
    ]),
    text(t('teams:card.hint'), { isSubtle: true, size: 'Small' }),
    // Agents must know their replies leave the chat (contract §10).
    ...(emailPeopleOf(ticket).length > 0 ? [text(t('tickets.email_card_note'), { isSubtle: true, size: 'Small' })] : []),
  ];
  const actions = BUTTONS[ticket.status].map((op) => submit(t(`teams:card.${op}`), { chamado: 'ticket', op, number: ticket.number }, op === 'close' ? 'destructive' : undefined));
  return adaptiveCard(body, actions);
}
