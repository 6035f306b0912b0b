import { emailPeopleOf, isInternalNote } from '../email-people';
import type { Repositories } from '../ports';
import type { MailContent, OutboundPost } from '../posts';
import type { FileRef, Ticket } from '../ticket';
import { localesOf, type UseCaseDeps } from './shared';

/** What a ticket's e-mail people are told: a person's message, or Chamado's own line (its locale is each recipient's). */
export type MailWhat =
  | { type: 'message'; authorId: string; text: string; files: FileRef[] }
  | { type: 'notice'; key: string; params: Record<string, string | number> };

export interface MailItem {
  ticket: Ticket;
  what: MailWhat;
  /** Not mailed to this person (a message's writer). */
  except?: string | null;
  /** Only these people (a reminder goes to the requester alone); absent: every e-mail person. */
  only?: readonly string[];
}

/** Mail rows of one ticket go out one after another, in order (contract §10), apart from its chat thread's. */
export const mailOrderingKey = (ticket: Pick<Ticket, 'id'>): string => `email:${ticket.id}`;

/**
 * One outbox row per recipient: every e-mail person of each ticket (but `except`, within `only`),
 * in that person's language. An internal note (`note:`) is mailed to nobody. A ticket with no
 * e-mail person costs no query.
 */
export async function mailPosts(repos: Repositories, deps: UseCaseDeps, items: readonly MailItem[]): Promise<OutboundPost[]> {
  const wanted = items
    .filter(({ what }) => what.type !== 'message' || !isInternalNote(what.text))
    .map((item) => ({ item, to: emailPeopleOf(item.ticket).filter((p) => p !== item.except && (!item.only || item.only.includes(p))) }))
    .filter(({ to }) => to.length > 0);
  if (wanted.length === 0) return [];
  const locale = await localesOf(repos, deps, wanted.flatMap(({ item, to }) => to.map((userId) => ({ workspaceId: item.ticket.workspaceId, userId }))));
  return wanted.flatMap(({ item: { ticket, what }, to }) => to.map((personId): OutboundPost => {
    const recipientLocale = locale(ticket.workspaceId, personId);
    const mail: MailContent = what.type === 'message'
      ? what
      : { type: 'notice', notice: { key: what.key, params: what.params, locale: recipientLocale } };
    return {
      workspaceId: ticket.workspaceId,
      platform: 'email',
      orderingKey: mailOrderingKey(ticket),
      ticketNumber: ticket.number,
      body: { kind: 'email', ticketId: ticket.id, to: { personId, locale: recipientLocale }, mail },
    };
  }));
}

/** `mailPosts` enqueued inside the caller's transaction. */
export async function mailTicketPeople(repos: Repositories, deps: UseCaseDeps, items: readonly MailItem[], at: Date): Promise<void> {
  const posts = await mailPosts(repos, deps, items);
  if (posts.length > 0) await repos.outbox.enqueueMany(posts, at);
}
