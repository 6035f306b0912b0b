import type { KnownBlock } from '@slack/types';
import type { TFunction } from 'i18next';
import { isEmailPerson, type CommandResult, type QueueView, type StoredMessage, type Ticket, type TicketDetail } from '../../core';
import { tFor } from '../../i18n';
import { ACTIONS, SLASH_COMMAND } from '../ids';
import { LIMITS, mrkdwn, plain, trim } from './limits';
import { escapeMrkdwn, literalMrkdwn, markup, mention, mentionOf, mrkdwnT, type MrkdwnParam } from './mrkdwn';
import { linksOf, translateWithLinks } from './refs';
import { mrkdwnFromSlack, mrkdwnLink } from './message-text';

const HELP_LINES = ['new', 'list', 'show', 'search', 'queue', 'status', 'close', 'claim', 'assign', 'cc', 'priority', 'nudge', 'lang', 'split', 'whoami', 'web'];

export interface EphemeralReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: KnownBlock[];
}

/** Long answers (a list of 25 tickets) are cut into sections at line ends, within Slack's limits. */
function sections(text: string): KnownBlock[] {
  const chunks: string[] = [];
  for (const line of text.split('\n').map((l) => trim(l, LIMITS.sectionText))) {
    const last = chunks.length - 1;
    if (last >= 0 && chunks[last].length + 1 + line.length <= LIMITS.sectionText) chunks[last] += `\n${line}`;
    else chunks.push(line);
  }
  return chunks.slice(0, LIMITS.messageBlocks).map((c) => ({ type: 'section', text: mrkdwn(c) }));
}

const reply = (text: string): EphemeralReply => ({ response_type: 'ephemeral', text: trim(text, LIMITS.messageText), blocks: sections(text) });

/** Our side failed (the database, say): nothing was changed, try again. */
export const internalErrorReply = (t: TFunction): EphemeralReply => reply(mrkdwnT(t, 'errors.internal'));

const prefix = () => markup(`\`${SLASH_COMMAND}\``);

export function helpText(t: TFunction): string {
  return [`*${mrkdwnT(t, 'help.title')}*`, mrkdwnT(t, 'help.intro', { prefix: prefix() }), ...HELP_LINES.map((k) => `• ${mrkdwnT(t, `help.${k}`)}`)].join('\n');
}

/** A wrong command or argument: one line saying what is wrong, and the help hint. */
export function errorText(t: TFunction, code: string, params: Record<string, string | number>): string {
  // Slack's own wording first where it says how to do something in Slack (a real @mention).
  return `${mrkdwnT(t, [`slack:errors.${code}`, `errors.${code}`], peopleParams(params))}\n${mrkdwnT(t, 'help.hint', { prefix: prefix() })}`;
}

/** Params naming people hold user ids: they are shown as mentions; every other string is a person's words or ours. */
function peopleParams(params: Record<string, string | number>): Record<string, MrkdwnParam> {
  const out: Record<string, MrkdwnParam> = { ...params };
  if (typeof params.person === 'string') out.person = mentionOf(params.person);
  if (typeof params.people === 'string') out.people = markup(params.people.split(',').filter(Boolean).map(mention).join(', '));
  return out;
}

function ms(t: TFunction, value: number | null): string {
  if (value === null) return t('detail.not_yet');
  const minutes = Math.round(value / 60_000);
  if (minutes < 120) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('duration.hours', { count: hours }) : t('duration.days', { count: Math.round(hours / 24) });
}

/** A time Slack shows in each viewer's own time zone and format; the fallback is for old clients. */
function slackTime(at: Date): string {
  const unix = Math.floor(at.getTime() / 1000);
  return `<!date^${unix}^{date_short_pretty} {time}|${at.toISOString().slice(0, 16).replace('T', ' ')} UTC>`;
}

/** One history entry: who and when, the text, then its files and links, quoted. */
function messageLines(t: TFunction, m: StoredMessage): string[] {
  const words = m.text.replace(/\s+/g, ' ').trim();
  // A mail's words carry no chat markup: shown literally (as the web shows them), a Slack message's as Slack shows it.
  const text = trim(isEmailPerson(m.authorId) ? literalMrkdwn(words) : mrkdwnFromSlack(words), 500);
  const lines = [`> ${mention(m.authorId)} · ${slackTime(m.postedAt)}`, `> ${text || `_${t('detail.file_only')}_`}`];
  const files = m.attachments.files.map((f) => mrkdwnLink(f.url, f.name));
  if (files.length > 0) lines.push(`> ${t('detail.files')}: ${files.join(', ')}`);
  const links = m.attachments.links.map((url) => mrkdwnLink(url, url));
  if (links.length > 0) lines.push(`> ${t('detail.links')}: ${links.join(', ')}`);
  return lines;
}

function detailText(t: TFunction, d: TicketDetail): string {
  const tk = d.ticket;
  const lines = [
    `*${translateWithLinks(t, 'detail.title', { number: tk.number, title: tk.title }, linksOf([tk]))}*`,
    `${t('detail.status')}: ${t(`status.${tk.status}`)} · ${t('detail.priority')}: ${t(`priority.${tk.priority}`)}`,
    `${t('detail.requester')}: ${mention(tk.requesterId)} · ${t('detail.assignee')}: ${tk.assigneeId ? mention(tk.assigneeId) : t('tickets.unassigned')}`,
  ];
  if (tk.ccIds.length > 0) lines.push(`${t('detail.cc')}: ${tk.ccIds.map(mention).join(', ')}`);
  if (d.followUpOfNumber !== null) lines.push(mrkdwnT(t, 'detail.follow_up_of', { number: d.followUpOfNumber }));
  lines.push(`${t('detail.first_response')}: ${ms(t, d.firstResponseMs)} · ${t('detail.resolution')}: ${ms(t, d.resolutionMs)}`);
  lines.push(`*${mrkdwnT(t, 'detail.history')}* (${mrkdwnT(t, 'detail.messages', { count: d.messageCount })})`);
  const earlier = d.messageCount - d.recent.length;
  if (earlier > 0) lines.push(`_${mrkdwnT(t, 'detail.earlier', { count: earlier })}_`);
  for (const m of d.recent) lines.push(...messageLines(t, m));
  return lines.join('\n');
}

const ticketItem = (t: TFunction, key: string, tk: Ticket) =>
  `• ${t(key, { number: tk.number, title: literalMrkdwn(trim(tk.title, 120)), status: t(`status.${tk.status}`) })}`;

function queueText(t: TFunction, q: QueueView): string {
  const title = `*${t(`queue.title_${q.filter}`)}*`;
  if (q.tickets.length === 0) return `${title}\n${t('queue.empty')}`;
  const items = q.tickets.map((tk) => `• ${t('queue.item', {
    number: tk.number,
    title: literalMrkdwn(trim(tk.title, 120)),
    priority: t(`priority.${tk.priority}`),
    status: t(`status.${tk.status}`),
    assignee: tk.assigneeId ? mention(tk.assigneeId) : t('tickets.unassigned'),
    age: ms(t, q.at.getTime() - new Date(tk.createdAt).getTime()),
  })}`);
  return [title, ...items, ...(q.more > 0 ? [t('queue.more', { count: q.more })] : [])].join('\n');
}

/**
 * "Open in the web": the click asks for the sign-in link (listeners/actions/open-web.ts), so
 * no bearer link sits in a message; `value` is the ticket the link lands on, none for the list.
 */
export function openWebButton(t: TFunction, ticketNumber: number | null): KnownBlock {
  return {
    type: 'actions',
    block_id: 'open_web',
    elements: [{ type: 'button', action_id: ACTIONS.openWeb, ...(ticketNumber === null ? {} : { value: String(ticketNumber) }), text: plain(t('web:chat.open_button')) }],
  };
}

/** The private answer to `/ticket …`, in the caller's language (for `lang`, the new one). */
export function renderCommandResult(result: Exclude<CommandResult, { type: 'ask_title' }>, t: TFunction): EphemeralReply {
  switch (result.type) {
    case 'help':
      return reply(helpText(t));
    case 'split_hint':
      return reply(mrkdwnT(t, 'slack:split.hint'));
    case 'error':
      return reply(errorText(t, result.code, result.params));
    case 'done':
      return reply(translateWithLinks(t, result.key, peopleParams(result.params), linksOf([result.ticket])));
    case 'language':
      return reply(mrkdwnT(tFor(result.locale), 'replies.language_set'));
    case 'detail': {
      const answer = reply(detailText(t, result.detail));
      return { ...answer, blocks: [...answer.blocks!.slice(0, LIMITS.messageBlocks - 1), openWebButton(t, result.detail.ticket.number)] };
    }
    case 'search': {
      const title = `*${mrkdwnT(t, 'search.title', { words: result.words })}*`;
      if (result.tickets.length === 0) return reply(mrkdwnT(t, 'search.empty', { words: result.words }));
      return reply([title, ...result.tickets.map((tk) => ticketItem(t, 'search.item', tk))].join('\n'));
    }
    case 'queue':
      return reply(queueText(t, result.queue));
    case 'whoami':
      return reply(mrkdwnT(t, result.identity.isAgent ? 'whoami.agent' : 'whoami.not_agent', { id: markup(escapeMrkdwn(result.identity.agentsEntry)) }));
    case 'web_link':
      return reply(mrkdwnT(t, 'web:chat.link', { url: markup(`<${result.url}>`), minutes: result.minutes }));
    case 'web_rate_limited':
      return reply(mrkdwnT(t, 'web:chat.rate_limited', { minutes: result.minutes }));
    case 'list': {
      const title = `*${mrkdwnT(t, `list.title_${result.filter}`)}*`;
      if (result.tickets.length === 0) return reply(`${title}\n${mrkdwnT(t, 'list.empty')}`);
      const links = linksOf(result.tickets);
      const items = result.tickets.map(
        (tk) => `• ${translateWithLinks(t, 'list.item', { number: tk.number, title: trim(tk.title, 120), status: t(`status.${tk.status}`) }, links)}`,
      );
      return reply([title, ...items].join('\n'));
    }
  }
}
