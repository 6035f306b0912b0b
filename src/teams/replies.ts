import { MessageFactory, type Activity } from 'botbuilder';
import type { TFunction } from 'i18next';
import { homeView, type Actor, type CommandResult, type UseCaseDeps } from '../core';
import { tFor } from '../i18n';
import { asAttachment } from './cards/card';
import { markdownT } from './cards/markdown';
import { detailCard, duration } from './cards/detail-card';
import { newTicketForm } from './cards/forms';
import { helpCard } from './cards/help-card';
import { listCard, queueCard, searchCard } from './cards/list-card';
import { shownMentions, withMentions } from './mentions';
import type { TeamsStorage } from './storage';
import { linkedT, linksOf, type ThreadLinks } from './thread-links';

export interface ReplyInput {
  result: CommandResult;
  actor: Actor;
  t: TFunction;
  deps: UseCaseDeps;
  storage: TeamsStorage;
  /** Personal chat: `list` shows the home view (agents also see unclaimed tickets). */
  personal: boolean;
  /** The asker's time zone (the activity's `localTimezone`, else DEFAULT_TIMEZONE). */
  timeZone: string;
}

/** A line of text whose params may name people: they become real Teams mentions; `#n` links to its thread when `links` knows it. */
export async function textWithMentions(
  storage: TeamsStorage, workspaceId: string, t: TFunction, key: string, params: Record<string, string | number>, links: ThreadLinks = new Map(),
): Promise<Partial<Activity>> {
  const ids = ['actor', 'person', 'people'].flatMap((k) => String(params[k] ?? '').split(',')).filter(Boolean);
  const rendered = withMentions(params, await storage.namesOf(workspaceId, ids));
  // People's params became `<at>` mentions (our markup); every other string is someone's words.
  const marked = Object.fromEntries(Object.entries(rendered.params).map(([k, v]) => [k, typeof v === 'string' && v !== params[k] ? { markup: v } : v]));
  const text = linkedT(t, key, marked, links);
  return { ...MessageFactory.text(text), entities: shownMentions(text, rendered.entities) };
}

/** Teams' own wording first where it says how to do something in Teams (a real @mention). */
export const errorText = (t: TFunction, code: string, params: Record<string, string | number>) =>
  `${markdownT(t, [`teams:errors.${code}`, `errors.${code}`], params)} ${t('help.hint', { prefix: t('teams:prefix') })}`;

/** Renders a command's answer for the person who typed it, in their language. */
export async function renderReply({ result, actor, t, deps, storage, personal, timeZone }: ReplyInput): Promise<Partial<Activity>> {
  switch (result.type) {
    case 'help':
      return MessageFactory.attachment(asAttachment(helpCard(t)));
    case 'done':
      return textWithMentions(storage, actor.workspaceId, t, result.key, result.params, linksOf([result.ticket]));
    case 'error':
      return MessageFactory.text(errorText(t, result.code, result.params));
    case 'language':
      return MessageFactory.text(tFor(result.locale)('replies.language_set'));
    case 'ask_title':
      return MessageFactory.attachment(asAttachment(newTicketForm(t)));
    case 'split_hint':
      return MessageFactory.text(t('teams:split.hint'));
    case 'web_link':
      return MessageFactory.text(t('web:chat.link', { url: result.url, minutes: result.minutes }));
    case 'web_rate_limited':
      return MessageFactory.text(t('web:chat.rate_limited', { minutes: result.minutes }));
    case 'detail': {
      const { ticket } = result.detail;
      const names = await storage.namesOf(actor.workspaceId, [ticket.requesterId, ticket.assigneeId ?? '', ...ticket.ccIds, ...result.detail.recent.map((m) => m.authorId)]);
      return MessageFactory.attachment(asAttachment(detailCard(result.detail, t, names, { locale: actor.locale, timeZone })));
    }
    case 'search':
      return MessageFactory.attachment(asAttachment(searchCard(result.words, result.tickets, t)));
    case 'queue': {
      const names = await storage.namesOf(actor.workspaceId, result.queue.tickets.map((x) => x.assigneeId ?? ''));
      return MessageFactory.attachment(asAttachment(queueCard({ queue: result.queue, names, age: (ms) => duration(ms, t) }, t)));
    }
    case 'whoami':
      return MessageFactory.text(t(result.identity.isAgent ? 'whoami.agent' : 'whoami.not_agent', { id: result.identity.agentsEntry }));
    case 'list': {
      const unassigned = personal && actor.isAgent && result.filter === 'active' ? (await homeView(deps, actor)).unassigned : [];
      return MessageFactory.attachment(asAttachment(listCard({ filter: result.filter, tickets: result.tickets, unassigned, viewerId: actor.userId }, t)));
    }
  }
}
