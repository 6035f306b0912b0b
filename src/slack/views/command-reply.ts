import type { TFunction } from 'i18next';
import type { CommandResult, TicketDetail } from '../../core';
import { tFor } from '../../i18n';
import { SLASH_COMMAND } from '../ids';
import { escapeMrkdwn, LIMITS, mention, mrkdwn, trim } from './limits';

const HELP_LINES = ['new', 'list', 'show', 'status', 'close', 'claim', 'assign', 'cc', 'priority', 'nudge', 'lang', 'split', 'web'];

export interface EphemeralReply {
  response_type: 'ephemeral';
  text: string;
  blocks?: Record<string, unknown>[];
}

/** Long answers (a list of 25 tickets) are cut into sections at line ends, within Slack's limits. */
function sections(text: string): Record<string, unknown>[] {
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
export const internalErrorReply = (t: TFunction): EphemeralReply => reply(t('errors.internal'));

export function helpText(t: TFunction): string {
  return [`*${t('help.title')}*`, t('help.intro', { prefix: `\`${SLASH_COMMAND}\`` }), ...HELP_LINES.map((k) => `• ${t(`help.${k}`)}`)].join('\n');
}

/** A wrong command or argument: one line saying what is wrong, and the help hint. */
export function errorText(t: TFunction, code: string, params: Record<string, string | number>): string {
  return `${t(`errors.${code}`, params)}\n${t('help.hint', { prefix: `\`${SLASH_COMMAND}\`` })}`;
}

function peopleParams(params: Record<string, string | number>): Record<string, string | number> {
  const out = { ...params };
  if (typeof params.person === 'string') out.person = mention(params.person);
  if (typeof params.people === 'string') out.people = params.people.split(',').filter(Boolean).map(mention).join(', ');
  return out;
}

function ms(t: TFunction, value: number | null): string {
  if (value === null) return t('detail.not_yet');
  const minutes = Math.round(value / 60_000);
  if (minutes < 120) return t('duration.minutes', { count: minutes });
  const hours = Math.round(minutes / 60);
  return hours < 48 ? t('duration.hours', { count: hours }) : t('duration.days', { count: Math.round(hours / 24) });
}

function detailText(t: TFunction, d: TicketDetail): string {
  const tk = d.ticket;
  const lines = [
    `*${t('detail.title', { number: tk.number, title: escapeMrkdwn(tk.title) })}*`,
    `${t('detail.status')}: ${t(`status.${tk.status}`)} · ${t('detail.priority')}: ${t(`priority.${tk.priority}`)}`,
    `${t('detail.requester')}: ${mention(tk.requesterId)} · ${t('detail.assignee')}: ${tk.assigneeId ? mention(tk.assigneeId) : t('tickets.unassigned')}`,
  ];
  if (tk.ccIds.length > 0) lines.push(`${t('detail.cc')}: ${tk.ccIds.map(mention).join(', ')}`);
  if (d.followUpOfNumber !== null) lines.push(t('detail.follow_up_of', { number: d.followUpOfNumber }));
  lines.push(`${t('detail.first_response')}: ${ms(t, d.firstResponseMs)} · ${t('detail.resolution')}: ${ms(t, d.resolutionMs)}`);
  lines.push(`*${t('detail.history')}* (${t('detail.messages', { count: d.messageCount })})`);
  for (const m of d.recent) lines.push(`> ${mention(m.authorId)}: ${trim(escapeMrkdwn(m.text.replace(/\s+/g, ' ')), 300)}`);
  return lines.join('\n');
}

/** The private answer to `/ticket …`, in the caller's language (for `lang`, the new one). */
export function renderCommandResult(result: Exclude<CommandResult, { type: 'ask_title' }>, t: TFunction): EphemeralReply {
  switch (result.type) {
    case 'help':
      return reply(helpText(t));
    case 'split_hint':
      return reply(t('slack:split.hint'));
    case 'error':
      return reply(errorText(t, result.code, result.params));
    case 'done':
      return reply(t(result.key, peopleParams(result.params)));
    case 'language':
      return reply(tFor(result.locale)('replies.language_set'));
    case 'detail':
      return reply(detailText(t, result.detail));
    case 'web_link':
      return reply(t('web:chat.link', { url: `<${result.url}>`, minutes: result.minutes }));
    case 'web_rate_limited':
      return reply(t('web:chat.rate_limited', { minutes: result.minutes }));
    case 'list': {
      const title = `*${t(`list.title_${result.filter}`)}*`;
      if (result.tickets.length === 0) return reply(`${title}\n${t('list.empty')}`);
      const items = result.tickets.map((tk) => `• ${t('list.item', { number: tk.number, title: escapeMrkdwn(trim(tk.title, 120)), status: t(`status.${tk.status}`) })}`);
      return reply([title, ...items].join('\n'));
    }
  }
}
