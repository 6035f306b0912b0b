import type { KnownBlock } from '@slack/types';
import type { TFunction } from 'i18next';
import type { Notice, NoticeAction, RelayedText } from '../../core';
import { ACTIONS } from '../ids';
import type { SlackMessageBody } from './card';
import { LIMITS, mrkdwn, plain, trim } from './limits';
import { literalMrkdwn, markup, mention, mentionOf, type MrkdwnParam } from './mrkdwn';
import { ticketRef, translateWithLinks, type CardLinks } from './refs';

const ACTION_IDS: Record<NoticeAction, string> = {
  still_need_help: ACTIONS.stillNeedHelp,
  close_it: ACTIONS.closeIt,
  reopen_original: ACTIONS.reopenOriginal,
};

/** Params naming people hold user ids: they are shown as mentions. */
function withMentions(params: Notice['params']): Record<string, MrkdwnParam> {
  const out: Record<string, MrkdwnParam> = { ...params };
  for (const key of ['actor', 'person'] as const) {
    const id = params[key];
    if (typeof id === 'string' && id !== '') out[key] = mentionOf(id);
  }
  if (typeof params.people === 'string') out.people = markup(params.people.split(',').filter(Boolean).map(mention).join(', '));
  return out;
}

export interface NoticeContext {
  /** The ticket the actions act on (the follow-up, for reopen_original). */
  ticketNumber: number | null;
  /** For reopen_original: the original's number, shown on the button. */
  originalNumber?: number | null;
  /** Card links of the tickets the notice names: its `#n` link to them. */
  links?: CardLinks;
}

/** The tickets a notice lists, one a line: `• #n title`. */
export function ticketLines(tickets: Notice['tickets'], links: CardLinks): string[] {
  return (tickets ?? []).map((tk) => `• ${ticketRef(tk.number, links)} ${literalMrkdwn(tk.title)}`);
}

/** A thread or conversation line: the notice's text, its mentions, its buttons. */
export function renderNotice(notice: Notice, t: TFunction, ctx: NoticeContext): SlackMessageBody {
  const links = ctx.links ?? new Map<number, string>();
  let text = [translateWithLinks(t, notice.key, withMentions(notice.params), links), ...ticketLines(notice.tickets, links)].join('\n');
  const extra = (notice.mentions ?? [])
    .filter((id, i, all) => id && all.indexOf(id) === i && !text.includes(mention(id)));
  if (extra.length > 0) text = `${extra.map(mention).join(' ')} ${text}`;
  text = trim(text, LIMITS.sectionText);
  const blocks: KnownBlock[] = [{ type: 'section', text: mrkdwn(text) }];
  const actions = notice.actions ?? [];
  if (actions.length > 0 && ctx.ticketNumber !== null) {
    blocks.push({
      type: 'actions',
      elements: actions.map((a) => ({
        type: 'button',
        action_id: ACTION_IDS[a],
        value: String(ctx.ticketNumber),
        text: plain(t(`slack:actions.${a}`, { number: ctx.originalNumber ?? '' })),
      })),
    });
  }
  return { text, blocks };
}

/** A person's message copied into a ticket thread: who wrote it, then the text quoted and the files as links. */
export function renderRelayed(notice: Notice, message: RelayedText, t: TFunction, ctx: NoticeContext): SlackMessageBody {
  const head = renderNotice(notice, t, ctx).text;
  // Slack hands a message's text over as mrkdwn already escaped; only broadcasts (`<!channel>`) are defused, so the copy pings nobody.
  // A mail's words are plain text: shown literally, so `<!channel>`, a masked link or `*bold*` arrives as the characters written
  // (in the `text` that notifications show too).
  const line = (l: string) => (message.plain ? literalMrkdwn(l) : l.replace(/<!/g, '&lt;!'));
  const quoted = message.text.trim() === '' ? [] : message.text.split('\n').map((l) => `> ${line(l)}`);
  const files = message.files.map((f) => `• <${f.url.replace(/[<>|]/g, encodeURIComponent)}|${literalMrkdwn(f.name)}>`);
  const text = trim([head, ...quoted, ...files].join('\n'), LIMITS.sectionText);
  if (!message.plain || message.text.trim() === '') return { text, blocks: [{ type: 'section', text: mrkdwn(text) }] };
  // Plain words (a mail) in a plain_text section: shown exactly as written, `*bold*` included (mrkdwn has no escape for it).
  const blocks: KnownBlock[] = [
    { type: 'section', text: mrkdwn(head) },
    { type: 'section', text: { type: 'plain_text', text: trim(message.text, LIMITS.sectionText), emoji: false } },
  ];
  if (files.length > 0) blocks.push({ type: 'section', text: mrkdwn(files.join('\n')) });
  return { text, blocks };
}

/** The triage channel's announcement of a new ticket, with a Claim button. */
export function renderTriage(notice: Notice, t: TFunction, ticketNumber: number, links?: CardLinks): SlackMessageBody {
  const body = renderNotice(notice, t, { ticketNumber: null, links });
  body.blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: ACTIONS.triageClaim, style: 'primary', value: String(ticketNumber), text: plain(t('slack:actions.claim')) }],
  });
  return body;
}
