import { ChamadoError } from '../errors';
import type { Notice } from '../posts';
import type { CoreDeps, Repositories } from '../ports';
import { canSee, type Actor, type Locale, type Ticket } from '../ticket';
import { mailTicketPeople } from './mail-people';
import { localeOf } from './people-locales';

/** Translates a key for text the core itself stores (a follow-up's title prefix); i18n lives outside. */
export type Translate = (locale: Locale, key: string, params?: Record<string, string | number>) => string;

export interface UseCaseDeps extends CoreDeps {
  translate: Translate;
}

export { localeOf, localesOf, pickLocale } from './people-locales';

/** Loads a ticket the actor may see; one the actor may not see is "not found", so nothing leaks. */
export async function visibleTicket(repos: Repositories, actor: Actor, number: number, lock = false): Promise<Ticket> {
  const ticket = await repos.tickets.byNumber(actor.workspaceId, number, { lock });
  if (!ticket || !canSee(ticket, actor)) throw new ChamadoError('ticket_not_found', { number });
  return ticket;
}

export function requireAgent(actor: Actor): void {
  if (!actor.isAgent) throw new ChamadoError('agents_only');
}

export const ticketKey = (ticket: Pick<Ticket, 'id'>) => `ticket:${ticket.id}`;

export async function postCardUpdate(repos: Repositories, ticket: Ticket, at: Date): Promise<void> {
  await repos.outbox.enqueue(
    { workspaceId: ticket.workspaceId, platform: ticket.platform, orderingKey: ticketKey(ticket), ticketNumber: ticket.number, body: { kind: 'card_update', ticketId: ticket.id } },
    at,
  );
}

export async function postThreadNotice(repos: Repositories, ticket: Ticket, notice: Notice, at: Date): Promise<void> {
  await repos.outbox.enqueue(
    {
      workspaceId: ticket.workspaceId, platform: ticket.platform, orderingKey: ticketKey(ticket), ticketNumber: ticket.number,
      body: { kind: 'thread_notice', ticketId: ticket.id, notice },
    },
    at,
  );
}

/** Card update plus the status line in the thread, in the requester's language. */
export async function announceStatus(repos: Repositories, deps: CoreDeps, ticket: Ticket, actorId: string | null, at: Date): Promise<void> {
  await postCardUpdate(repos, ticket, at);
  const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
  // Pending and Closed tell the customer what happens next: when it closes by itself, how to come back.
  const key = !actorId ? 'notices.status_changed_auto' : ticket.status === 'open' ? 'notices.status_changed' : `notices.status_${ticket.status}`;
  const params = { number: ticket.number, status: ticket.status, actor: actorId ?? '', ...waitWords(deps.settings.autoCloseAfterMs) };
  await postThreadNotice(repos, ticket, { key, params, locale, mentions: actorId ? [actorId] : [] }, at);
  await mailTicketPeople(repos, deps, [{ ticket, what: { type: 'notice', key, params } }], at);
}

/** A duration as a count and a unit a sentence can name (`$t(duration_words.{{waitUnit}}, …)`). */
export function waitWords(ms: number): { waitCount: number; waitUnit: 'days' | 'hours' | 'minutes' | 'seconds' } {
  if (ms >= 86_400_000 && ms % 86_400_000 === 0) return { waitCount: ms / 86_400_000, waitUnit: 'days' };
  if (ms >= 3_600_000 && ms % 3_600_000 === 0) return { waitCount: ms / 3_600_000, waitUnit: 'hours' };
  if (ms >= 60_000) return { waitCount: Math.round(ms / 60_000), waitUnit: 'minutes' };
  return { waitCount: Math.max(1, Math.round(ms / 1_000)), waitUnit: 'seconds' };
}

/** A person did something: a Pending ticket stays alive; an agent's touch counts as a first response. */
export function touch(ticket: Ticket, actor: Pick<Actor, 'userId' | 'isAgent'>, at: Date): void {
  ticket.lastActivityAt = at;
  ticket.updatedAt = at;
  if (actor.isAgent && actor.userId !== ticket.requesterId) {
    ticket.firstResponseAt ??= at;
  } else {
    ticket.lastCustomerActivityAt = at;
  }
}
