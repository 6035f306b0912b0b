import type { TFunction } from 'i18next';
import type { ListFilter, Ticket } from '../../core';
import { adaptiveCard, heading, submit, text, type AdaptiveCard, type CardElement } from './card';
import { markdownT } from './markdown';

const line = (ticket: Ticket, t: TFunction) => markdownT(t, 'list.item', { number: ticket.number, title: ticket.title, status: t(`status.${ticket.status}`) });

function ticketRow(ticket: Ticket, t: TFunction, canNudge: boolean): CardElement {
  const items: CardElement[] = [text(line(ticket, t))];
  if (canNudge) items.push({ type: 'ActionSet', actions: [submit(t('teams:list.nudge'), { chamado: 'nudge', number: ticket.number })] });
  return { type: 'Container', separator: true, items };
}

export interface ListCardInput {
  filter: ListFilter;
  tickets: Ticket[];
  /** Agents: open tickets nobody has claimed. */
  unassigned?: Ticket[];
  /** Who is looking: only a requester or CC may ask for an update on an active ticket. */
  viewerId: string;
}

/** "My tickets", newest first, each with an "Ask for an update" button where it applies. */
export function listCard(input: ListCardInput, t: TFunction): AdaptiveCard {
  const nudgeable = (ticket: Ticket) =>
    ticket.status !== 'closed' && (ticket.requesterId === input.viewerId || ticket.ccIds.includes(input.viewerId));
  const body: CardElement[] = [heading(t(`list.title_${input.filter}`))];
  if (input.tickets.length === 0) body.push(text(t('list.empty'), { isSubtle: true }));
  body.push(...input.tickets.map((ticket) => ticketRow(ticket, t, nudgeable(ticket))));
  if (input.unassigned && input.unassigned.length > 0) {
    body.push(heading(t('teams:list.unassigned')));
    body.push(...input.unassigned.map((ticket) => ticketRow(ticket, t, false)));
  }
  return adaptiveCard(body);
}
