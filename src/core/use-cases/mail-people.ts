import { emailPeopleOf, isEmailPerson, isInternalNote } from '../email-people';
import type { CoreDeps, Repositories } from '../ports';
import type { MailContent, OutboundPost } from '../posts';
import type { ChatMessage, FileRef, Ticket } from '../ticket';
import { localesOf } from './people-locales';

/** What a ticket's e-mail people are told: a person's message, or Chamado's own line (its locale is each recipient's). */
export type MailWhat =
  | { type: 'message'; authorId: string; text: string; files: FileRef[] }
  | { type: 'notice'; key: string; params: Record<string, string | number> };

/** What mailing needs of a ticket: who is on it and its number (the deliverer reads the rest when it sends). */
export type MailedTicket = Pick<Ticket, 'id' | 'workspaceId' | 'number' | 'requesterId' | 'assigneeId' | 'ccIds'>;

export interface MailItem {
  ticket: MailedTicket;
  what: MailWhat;
  /** Not mailed to this person (a message's writer). */
  except?: string | null;
  /** Only these people (a reminder goes to the requester alone); absent: every e-mail person. */
  only?: readonly string[];
  /** E-mail people of another ticket told too (a follow-up's notice reaches the closed ticket's people). */
  also?: readonly string[];
}

/** A person's message as mail to the ticket's e-mail people, all but its writer (`note:` is mailed to nobody). */
export const messageMail = (ticket: MailedTicket, message: Pick<ChatMessage, 'authorId' | 'text' | 'files'>): MailItem => ({
  ticket,
  what: { type: 'message', authorId: message.authorId, text: message.text, files: message.files },
  except: message.authorId,
});

/** Mail rows of one ticket go out one after another, in order (contract §10), apart from its chat thread's. */
export const mailOrderingKey = (ticket: Pick<Ticket, 'id'>): string => `email:${ticket.id}`;

const recipientsOf = (item: MailItem): string[] =>
  [...new Set([...emailPeopleOf(item.ticket), ...(item.also ?? []).filter(isEmailPerson)])]
    .filter((p) => p !== item.except && (!item.only || item.only.includes(p)));

/**
 * One outbox row per recipient: every e-mail person of each ticket (but `except`, within `only`),
 * in that person's language. An internal note (`note:`) is mailed to nobody. A ticket with no
 * e-mail person costs no query.
 */
export async function mailPosts(repos: Repositories, deps: CoreDeps, items: readonly MailItem[]): Promise<OutboundPost[]> {
  const wanted = items
    .filter(({ what }) => what.type !== 'message' || !isInternalNote(what.text))
    .map((item) => ({ item, to: recipientsOf(item) }))
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
export async function mailTicketPeople(repos: Repositories, deps: CoreDeps, items: readonly MailItem[], at: Date): Promise<void> {
  const posts = await mailPosts(repos, deps, items);
  if (posts.length > 0) await repos.outbox.enqueueMany(posts, at);
}
