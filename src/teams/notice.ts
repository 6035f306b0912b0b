import type { Activity } from 'botbuilder';
import type { Notice, NoticeAction, RelayedText } from '../core';
import { tFor } from '../i18n';
import { adaptiveCard, asAttachment, submit } from './cards/card';
import { escapeMarkdown } from './cards/markdown';
import { personIds, shownMentions, withMentions } from './mentions';
import { linkedT, ticketRef, type ThreadLinks } from './thread-links';
import type { TeamsContext } from './turn';

const ACTION_STYLE: Record<NoticeAction, 'positive' | 'destructive' | undefined> = {
  still_need_help: 'positive',
  close_it: 'destructive',
  reopen_original: undefined,
};

/**
 * A thread post from a notice: its text in the notice's language, people as real mentions, each
 * `#n` a link to its thread where one is known, and its actions as buttons acting on `ticketNumber`.
 */
export async function noticeActivity(
  teams: TeamsContext, workspaceId: string, notice: Notice, ticketNumber: number | null, links: ThreadLinks = new Map(),
): Promise<Partial<Activity>> {
  const t = tFor(notice.locale);
  const extra = notice.mentions ?? [];
  const names = await teams.storage.namesOf(workspaceId, personIds(notice.params, extra));
  const rendered = withMentions(notice.params, names, extra);
  // People's params became `<at>` mentions (our markup); every other string is someone's words.
  const params = Object.fromEntries(Object.entries(rendered.params).map(([k, v]) => [k, typeof v === 'string' && v !== notice.params[k] ? { markup: v } : v]));
  const lines = (notice.tickets ?? []).map((tk) => `- ${ticketRef(tk.number, links)} ${escapeMarkdown(tk.title)}`);
  const text = [rendered.prefix + linkedT(t, notice.key, params, links), ...lines].join('\n\n');
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

/** A person's message copied into a ticket thread: who wrote it, then the text quoted and the files as links. */
export async function relayedActivity(
  teams: TeamsContext, workspaceId: string, notice: Notice, message: RelayedText, links: ThreadLinks = new Map(),
): Promise<Partial<Activity>> {
  const head = await noticeActivity(teams, workspaceId, notice, null, links);
  // A person's words never become markup (an `<at>` mention, a tag) in the bot's post.
  // A mail's words are plain text: its markdown (`*bold*`, a link) shows as written, too.
  const escape = (line: string) => (message.plain ? escapeMarkdown(line) : line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
  const quoted = message.text.trim() === '' ? [] : message.text.split('\n').map((line) => `> ${escape(line)}`);
  const files = message.files.map((f) => `- [${f.name.replace(/[[\]]/g, '')}](${encodeURI(f.url)})`);
  return { ...head, text: [head.text ?? '', ...quoted, ...files].join('\n\n') };
}
