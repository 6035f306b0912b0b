import type { HomeView as SlackHomeView, KnownBlock, SectionBlock } from '@slack/types';
import type { TFunction } from 'i18next';
import type { HomeView, Ticket } from '../../core';
import { ACTIONS } from '../ids';
import { LIMITS, mrkdwn, plain } from './limits';
import { mrkdwnT } from './mrkdwn';
import { openWebButton } from './command-reply';

const MAX_PER_GROUP = 25;

function ticketLine(t: TFunction, tk: Ticket): string {
  return mrkdwnT(t, 'list.item', { number: tk.number, title: tk.title, status: t(`status.${tk.status}`) });
}

function row(t: TFunction, tk: Ticket, accessory?: { actionId: string; label: string }): SectionBlock {
  return {
    type: 'section',
    text: mrkdwn(ticketLine(t, tk)),
    ...(accessory ? { accessory: { type: 'button', action_id: accessory.actionId, value: String(tk.number), text: plain(accessory.label) } } : {}),
  };
}

/**
 * The App Home tab: "Open in the web", the person's open and pending tickets (with "Ask for an
 * update" where they may ask), the ten most recently closed, and for agents the unclaimed open tickets.
 */
export function renderHome(t: TFunction, userId: string, view: HomeView, banner?: string): SlackHomeView {
  const blocks: KnownBlock[] = [{ type: 'header', text: plain(t('slack:home.title'), 150) }];
  if (banner) blocks.push({ type: 'context', elements: [mrkdwn(banner, LIMITS.contextElementText)] });
  blocks.push(openWebButton(t, null));
  const group = (titleKey: string, tickets: Ticket[], accessory: (tk: Ticket) => { actionId: string; label: string } | undefined) => {
    if (tickets.length === 0) return;
    blocks.push({ type: 'section', text: mrkdwn(`*${mrkdwnT(t, titleKey)}*`) });
    for (const tk of tickets.slice(0, MAX_PER_GROUP)) blocks.push(row(t, tk, accessory(tk)));
    if (tickets.length > MAX_PER_GROUP) blocks.push({ type: 'context', elements: [mrkdwn(mrkdwnT(t, 'slack:home.more', { count: tickets.length - MAX_PER_GROUP }))] });
  };
  const nudge = (tk: Ticket) => (tk.requesterId === userId || tk.ccIds.includes(userId) ? { actionId: ACTIONS.homeNudge, label: t('slack:actions.nudge') } : undefined);
  if (view.active.length === 0) blocks.push({ type: 'section', text: mrkdwn(mrkdwnT(t, 'slack:home.empty')) });
  group('slack:home.open', view.active.filter((tk) => tk.status === 'open'), nudge);
  group('slack:home.pending', view.active.filter((tk) => tk.status === 'pending'), nudge);
  group('slack:home.recently_closed', view.recentlyClosed, () => undefined);
  group('slack:home.unassigned', view.unassigned, () => ({ actionId: ACTIONS.homeClaim, label: t('slack:actions.claim') }));
  return { type: 'home', blocks: blocks.slice(0, LIMITS.modalBlocks) };
}
