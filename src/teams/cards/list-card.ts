import type { TFunction } from 'i18next';
import type { ListFilter, QueueView, Ticket } from '../../core';
import { adaptiveCard, heading, submit, text, type AdaptiveCard, type CardElement } from './card';
import { linkedT, linksOf } from '../thread-links';

/** `#n title (status)`, `#n` linking to the ticket's thread when it has one. */
const line = (ticket: Ticket, t: TFunction) => linkedT(t, 'list.item', { number: ticket.number, title: ticket.title, status: t(`status.${ticket.status}`) }, linksOf([ticket]));

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

/** `search <words>`: the best matches first. */
export function searchCard(words: string, tickets: Ticket[], t: TFunction): AdaptiveCard {
  if (tickets.length === 0) return adaptiveCard([text(t('search.empty', { words }))]);
  return adaptiveCard([heading(t('search.title', { words })), ...tickets.map((ticket) => ticketRow(ticket, t, false))]);
}

export interface QueueCardInput {
  queue: QueueView;
  names: Map<string, string>;
  /** How long a ticket has been open, in words (`3 h`). */
  age: (ms: number) => string;
}

/** `queue`: unassigned first, then urgent first, then the oldest; and how many more there are. */
export function queueCard({ queue, names, age }: QueueCardInput, t: TFunction): AdaptiveCard {
  const body: CardElement[] = [heading(t(`queue.title_${queue.filter}`))];
  if (queue.tickets.length === 0) body.push(text(t('queue.empty'), { isSubtle: true }));
  for (const ticket of queue.tickets) {
    // Titles and names are people's words: escaped as such (linkedT escapes every string param).
    const line = linkedT(t, 'queue.item', {
      number: ticket.number,
      title: ticket.title,
      priority: t(`priority.${ticket.priority}`),
      status: t(`status.${ticket.status}`),
      assignee: ticket.assigneeId ? names.get(ticket.assigneeId) ?? ticket.assigneeId : t('tickets.unassigned'),
      age: age(queue.at.getTime() - new Date(ticket.createdAt).getTime()),
    }, linksOf([ticket]));
    body.push({ type: 'Container', separator: true, items: [text(line)] });
  }
  if (queue.more > 0) body.push(text(t('queue.more', { count: queue.more }), { isSubtle: true }));
  return adaptiveCard(body);
}
