import type { TFunction } from 'i18next';
import type { Notice, NoticeAction } from '../../core';
import { ACTIONS } from '../ids';
import type { SlackMessageBody } from './card';
import { escapeMrkdwn, LIMITS, mention, mrkdwn, plain, trim } from './limits';

const ACTION_IDS: Record<NoticeAction, string> = {
  still_need_help: ACTIONS.stillNeedHelp,
  close_it: ACTIONS.closeIt,
  reopen_original: ACTIONS.reopenOriginal,
};

/** Params naming people hold user ids: they are shown as mentions. */
function withMentions(params: Notice['params']): Record<string, string | number> {
  const out: Record<string, string | number> = { ...params };
  for (const key of ['actor', 'person'] as const) {
    const id = params[key];
    if (typeof id === 'string' && id !== '') out[key] = mention(id);
  }
  // People's own words (a title, a reply written on the web and its writer's name) never speak mrkdwn.
  for (const key of ['title', 'text', 'name'] as const) {
    const value = params[key];
    if (typeof value === 'string') out[key] = escapeMrkdwn(value);
  }
  if (typeof params.people === 'string') out.people = params.people.split(',').filter(Boolean).map(mention).join(', ');
  return out;
}

export interface NoticeContext {
  /** The ticket the actions act on (the follow-up, for reopen_original). */
  ticketNumber: number | null;
  /** For reopen_original: the original's number, shown on the button. */
  originalNumber?: number | null;
  /** The agents to mention when the notice asks for them. */
  agentIds: string[];
}

/** A thread or conversation line: the notice's text, its mentions, its buttons. */
export function renderNotice(notice: Notice, t: TFunction, ctx: NoticeContext): SlackMessageBody {
  let text = t(notice.key, withMentions(notice.params));
  const extra = [...(notice.mentions ?? []), ...(notice.mentionAgents ? ctx.agentIds.slice(0, 20) : [])]
    .filter((id, i, all) => id && all.indexOf(id) === i && !text.includes(mention(id)));
  if (extra.length > 0) text = `${extra.map(mention).join(' ')} ${text}`;
  text = trim(text, LIMITS.sectionText);
  const blocks: Record<string, unknown>[] = [{ type: 'section', text: mrkdwn(text) }];
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

/** The triage channel's announcement of a new ticket, with a Claim button. */
export function renderTriage(notice: Notice, t: TFunction, ticketNumber: number): SlackMessageBody {
  const body = renderNotice(notice, t, { ticketNumber: null, agentIds: [] });
  body.blocks.push({
    type: 'actions',
    elements: [{ type: 'button', action_id: ACTIONS.triageClaim, style: 'primary', value: String(ticketNumber), text: plain(t('slack:actions.claim')) }],
  });
  return body;
}
