import { parseCommand, type Command, type ListFilter } from '../commands';
import { ChamadoError } from '../errors';
import type { Actor, Locale, Ticket } from '../ticket';
import { claimTicket, assignTicket } from './assign-ticket';
import { changeCc } from './cc-people';
import { changeStatus } from './change-status';
import { listMyTickets } from './list-tickets';
import { nudgeTicket } from './nudge-ticket';
import { openTicket } from './open-ticket';
import { workQueue, type QueueView } from './queue';
import { searchTickets } from './search-tickets';
import { setLanguage } from './set-language';
import { issueWebLink, type WebLinkResult } from './issue-web-link';
import { setPriority } from './set-priority';
import { showTicket, type TicketDetail } from './show-ticket';
import type { UseCaseDeps } from './shared';
import { whoAmI, type Identity } from './whoami';

/** What a command answers the caller (privately, in their language); adapters render it. */
export type CommandResult =
  | { type: 'help' }
  | { type: 'done'; key: string; params: Record<string, string | number>; ticket?: Ticket }
  | { type: 'error'; code: ChamadoError['code']; params: Record<string, string | number> }
  | { type: 'list'; filter: ListFilter; tickets: Ticket[] }
  | { type: 'detail'; detail: TicketDetail }
  | { type: 'language'; locale: Locale }
  | { type: 'search'; words: string; tickets: Ticket[] }
  | { type: 'queue'; queue: QueueView }
  | { type: 'whoami'; identity: Identity }
  /** `new` without a title: the adapter opens its form. */
  | { type: 'ask_title' }
  /** `split`: the adapter explains its own split surface. */
  | { type: 'split_hint' }
  /** `web`: a private sign-in link (or, asked for too often, a refusal). */
  | WebLinkResult;

export interface CommandContext {
  /** The channel the command was typed in: where a new ticket's card goes. */
  channelId: string;
  /** The caller's IANA time zone when their platform says (Slack profile, Teams activity). */
  timeZone?: string | null;
}

async function execute(deps: UseCaseDeps, actor: Actor, command: Command, ctx: CommandContext): Promise<CommandResult> {
  const done = (key: string, ticket: Ticket, params: Record<string, string | number> = {}): CommandResult =>
    ({ type: 'done', key, params: { number: ticket.number, ...params }, ticket });
  switch (command.name) {
    case 'help':
      return { type: 'help' };
    case 'split':
      return { type: 'split_hint' };
    case 'new':
      if (command.title === null) return { type: 'ask_title' };
      return done('replies.opened', await openTicket(deps, { actor, title: command.title, channelId: ctx.channelId }));
    case 'list':
      return { type: 'list', filter: command.filter, tickets: await listMyTickets(deps, actor, command.filter) };
    case 'show':
      return { type: 'detail', detail: await showTicket(deps, actor, command.number) };
    case 'status':
      return done('replies.status_changed', await changeStatus(deps, actor, command.number, command.status), { status: command.status });
    case 'close':
      return done('replies.status_changed', await changeStatus(deps, actor, command.number, 'closed'), { status: 'closed' });
    case 'reopen':
      return done('replies.status_changed', await changeStatus(deps, actor, command.number, 'open'), { status: 'open' });
    case 'claim':
      return done('replies.claimed', await claimTicket(deps, actor, command.number));
    case 'assign':
      return done('replies.assigned', await assignTicket(deps, actor, command.number, command.userId), { person: command.userId });
    case 'cc':
    case 'uncc': {
      const { ticket, changed } = await changeCc(deps, actor, command.number, command.userIds, command.name === 'cc');
      return done(command.name === 'cc' ? 'replies.cc_added' : 'replies.cc_removed', ticket, { people: changed.join(',') });
    }
    case 'priority':
      return done('replies.priority_changed', await setPriority(deps, actor, command.number, command.priority), { priority: command.priority });
    case 'nudge':
      return done('replies.nudged', await nudgeTicket(deps, actor, command.number));
    case 'lang':
      return { type: 'language', locale: await setLanguage(deps, actor, command.locale) };
    case 'search':
      return { type: 'search', words: command.words, tickets: await searchTickets(deps, actor, command.words) };
    case 'queue':
      return { type: 'queue', queue: await workQueue(deps, actor, command.filter) };
    case 'whoami':
      return { type: 'whoami', identity: whoAmI(actor) };
    case 'web':
      return issueWebLink(deps, actor, { timeZone: ctx.timeZone ?? null });
  }
}

/**
 * One command line from either platform: parsed, permission-checked and carried out. Expected
 * failures come back as `{type: 'error'}`; anything else is a bug and is thrown.
 */
export async function runCommand(deps: UseCaseDeps, actor: Actor, text: string, ctx: CommandContext): Promise<CommandResult> {
  try {
    return await execute(deps, actor, parseCommand(text), ctx);
  } catch (error) {
    if (error instanceof ChamadoError) return { type: 'error', code: error.code, params: error.params };
    throw error;
  }
}
