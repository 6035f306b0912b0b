import type { TurnContext } from 'botbuilder';
import { resolveLocale, type Ticket } from '../../core';
import { tFor } from '../../i18n';
import { workspaceOf } from '../conversation';
import { escapeMarkdown } from '../cards/markdown';
import { sendPrivately } from '../private-reply';
import { linksOf, ticketRef } from '../thread-links';
import type { TeamsContext } from '../turn';

/**
 * A message in a thread that was split joins no ticket by itself (it is kept): Teams has no
 * ephemeral messages, so its writer is told in their 1:1 chat with the bot where each problem
 * continues (each `#n` a link to its thread). When that chat cannot be opened (the bot was never installed personally), the
 * writer is not told in the channel, where everyone would read it; the log says so.
 */
export async function tellWhereItContinues(teams: TeamsContext, turn: TurnContext, tickets: readonly Ticket[]): Promise<void> {
  const { deps } = teams.context;
  const t = tFor(await resolveLocale(deps, workspaceOf(turn.activity), turn.activity.from.id, null));
  const links = linksOf(tickets);
  const lines = tickets.map((tk) => `- ${ticketRef(tk.number, links)} ${escapeMarkdown(tk.title)}`);
  const told = await sendPrivately(teams, turn, { text: [t('notices.split_continues', { count: tickets.length }), ...lines].join('\n\n') });
  teams.context.log.info({ platform: 'teams', tickets: tickets.map((tk) => tk.number), told }, 'message in a split thread: writer pointed to the tickets');
}
