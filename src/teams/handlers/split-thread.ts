import type { TurnContext } from 'botbuilder';
import { localeOf, type Ticket } from '../../core';
import { tFor } from '../../i18n';
import { workspaceOf } from '../conversation';
import { sendPrivately } from '../private-reply';
import type { TeamsContext } from '../turn';

/**
 * A message in a thread that was split joins no ticket by itself (it is kept): Teams has no
 * ephemeral messages, so its writer is told in their 1:1 chat with the bot where each problem
 * continues. When that chat cannot be opened (the bot was never installed personally), the
 * writer is not told in the channel, where everyone would read it; the log says so.
 */
export async function tellWhereItContinues(teams: TeamsContext, context: TurnContext, tickets: readonly Ticket[]): Promise<void> {
  const { deps } = teams.app;
  const t = tFor(await localeOf(deps.store, deps, workspaceOf(context.activity), context.activity.from.id));
  const lines = tickets.map((tk) => `- #${tk.number} ${tk.title.replace(/</g, '&lt;')}`);
  const told = await sendPrivately(teams, context, { text: [t('notices.split_continues', { count: tickets.length }), ...lines].join('\n\n') });
  teams.app.log.info({ platform: 'teams', tickets: tickets.map((tk) => tk.number), told }, 'message in a split thread: writer pointed to the tickets');
}
