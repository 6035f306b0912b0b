import type { ActionsBlockElement, Button, KnownBlock, StaticSelect } from '@slack/types';
import type { TFunction } from 'i18next';
import { emailPeopleOf, isEmailPerson, PRIORITIES, type Ticket } from '../../core';
import { ACTIONS } from '../ids';
import { LIMITS, mrkdwn, plain, trim } from './limits';
import { literalMrkdwn, mentionOf, mrkdwnT } from './mrkdwn';

export interface SlackMessageBody {
  text: string;
  blocks: KnownBlock[];
}

const button = (actionId: string, label: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: actionId,
  text: plain(label),
  value,
  ...(style ? { style } : {}),
});

/** The buttons that apply to the ticket's status. */
function cardButtons(ticket: Ticket, t: TFunction): ActionsBlockElement[] {
  const value = String(ticket.number);
  const claim = button(ACTIONS.claim, t('slack:card.claim'), value, 'primary');
  const pending = button(ACTIONS.pending, t('slack:card.pending'), value);
  const close = button(ACTIONS.close, t('slack:card.close'), value, 'danger');
  const reopen = button(ACTIONS.reopen, t('slack:card.reopen'), value);
  if (ticket.status === 'closed') return [reopen];
  const priority: StaticSelect = {
    type: 'static_select',
    action_id: ACTIONS.priority,
    placeholder: plain(t('slack:card.priority_placeholder')),
    initial_option: { text: plain(t(`priority.${ticket.priority}`)), value: `${value}:${ticket.priority}` },
    options: PRIORITIES.map((p) => ({ text: plain(t(`priority.${p}`)), value: `${value}:${p}` })),
  };
  const claimIfFree = ticket.assigneeId ? [] : [claim];
  return ticket.status === 'open' ? [...claimIfFree, pending, close, priority] : [...claimIfFree, reopen, close, priority];
}

/** The one-line text of a card (what notifications and screen readers show): `#n title (Status)`. */
export function cardText(ticket: Ticket, t: TFunction): string {
  return trim(mrkdwnT(t, 'slack:card.text', { number: ticket.number, title: ticket.title, status: t(`status.${ticket.status}`) }), LIMITS.messageText);
}

/**
 * The card's first line, `#n title`. A title from a mail's subject is plain text: Slack's mrkdwn
 * has no escape for `*bold*` or `_italic_`, so it is shown as a plain_text section, exactly as written.
 * Any other title is shown literally too, next to the bold number (literalMrkdwn).
 */
function titleBlock(ticket: Ticket): KnownBlock {
  if (isEmailPerson(ticket.requesterId)) {
    return { type: 'section', text: { type: 'plain_text', text: trim(`#${ticket.number} ${ticket.title}`, LIMITS.sectionText), emoji: false } };
  }
  return { type: 'section', text: mrkdwn(`*#${ticket.number}* ${literalMrkdwn(ticket.title)}`) };
}

/** The ticket card, labelled in the given language (the requester's: the card is shared). */
export function renderCard(ticket: Ticket, t: TFunction, followUpOfNumber: number | null): SlackMessageBody {
  const facts = [
    mrkdwnT(t, 'slack:card.status', { status: t(`status.${ticket.status}`) }),
    mrkdwnT(t, 'slack:card.priority', { priority: t(`priority.${ticket.priority}`) }),
    mrkdwnT(t, 'slack:card.requester', { person: mentionOf(ticket.requesterId) }),
    mrkdwnT(t, 'slack:card.assignee', { person: ticket.assigneeId ? mentionOf(ticket.assigneeId) : t('tickets.unassigned') }),
  ];
  const blocks: KnownBlock[] = [
    titleBlock(ticket),
    { type: 'context', elements: facts.map((f) => mrkdwn(f, LIMITS.contextElementText)) },
  ];
  if (followUpOfNumber !== null) blocks.push({ type: 'context', elements: [mrkdwn(mrkdwnT(t, 'slack:card.follow_up_of', { number: followUpOfNumber }))] });
  // Agents must know their replies leave the chat (contract §10).
  if (emailPeopleOf(ticket).length > 0) blocks.push({ type: 'context', elements: [mrkdwn(mrkdwnT(t, 'tickets.email_card_note'))] });
  blocks.push({ type: 'actions', block_id: `ticket_${ticket.number}`, elements: cardButtons(ticket, t) });
  return { text: cardText(ticket, t), blocks };
}
