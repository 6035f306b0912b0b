import type { Activity } from 'botbuilder';
import type { Notice, NoticeAction } from '../core';
import { tFor } from '../i18n';
import { adaptiveCard, asAttachment, submit } from './cards/card';
import { personIds, shownMentions, withMentions } from './mentions';
import type { TeamsContext } from './turn';

const ACTION_STYLE: Record<NoticeAction, 'positive' | 'destructive' | undefined> = {
  still_need_help: 'positive',
  close_it: 'destructive',
  reopen_original: undefined,
};

/**
 * A thread post from a notice: its text in the notice's language, people as real mentions
 * (the agents too when asked), and its actions as buttons acting on `ticketNumber`.
 */
export async function noticeActivity(teams: TeamsContext, workspaceId: string, notice: Notice, ticketNumber: number | null): Promise<Partial<Activity>> {
  const t = tFor(notice.locale);
  const agents = notice.mentionAgents ? teams.context.config.AGENTS.filter((a) => a.platform === 'teams').map((a) => a.userId) : [];
  const extra = [...(notice.mentions ?? []), ...agents];
  const names = await teams.storage.namesOf(workspaceId, personIds(notice.params, extra));
  const rendered = withMentions(notice.params, names, extra);
  const text = rendered.prefix + t(notice.key, rendered.params);
  const activity: Partial<Activity> = { type: 'message', text, entities: shownMentions(text, rendered.entities) };
  const actions = ticketNumber === null ? [] : notice.actions ?? [];
  if (actions.length > 0) {
    const buttons = actions.map((action) =>
      submit(t(`teams:actions.${action}`, { number: notice.params.original ?? ticketNumber }), { chamado: 'notice', action, number: ticketNumber! }, ACTION_STYLE[action]),
    );
    activity.attachments = [asAttachment(adaptiveCard([], buttons))];
  }
  return activity;
}
