import { resolveLocale, type ChatMessage, type Ticket } from '../../../core';
import { tFor } from '../../../i18n';
import type { SlackRuntime } from '../../runtime';
import { ticketLines } from '../../views/notice';
import { linksOf } from '../../views/refs';
import { tellPrivately } from '../shared';

/**
 * A message in a thread that was split joins no ticket by itself (it is kept, so an agent can add
 * it): its writer is told privately where each problem continues, with titles and links.
 */
export async function tellWhereItContinues(rt: SlackRuntime, workspaceId: string, message: ChatMessage, tickets: readonly Ticket[]): Promise<void> {
  const { deps } = rt.context;
  const t = tFor(await resolveLocale(deps, workspaceId, message.authorId, null));
  const lines = ticketLines(tickets.map((tk) => ({ number: tk.number, title: tk.title })), linksOf(tickets));
  await tellPrivately(rt, message.channelId, message.authorId, [t('notices.split_continues', { count: tickets.length }), ...lines].join('\n'), message.threadId);
  rt.context.log.info({ platform: 'slack', channel: message.channelId, tickets: tickets.map((tk) => tk.number) }, 'message in a split thread: writer told where it continues');
}
