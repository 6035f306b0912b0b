import type { FileRef, Platform, Ticket } from './ticket';

/** Whether a Message-ID came to us or went out from us. */
export type MailDirection = 'in' | 'out';

/**
 * Every Message-ID we received or sent (table `email_messages`), inside the use case's
 * transaction: a mail is stored once, and a reply without a tag finds its ticket through the
 * ids its `In-Reply-To`/`References` name. Ids are kept without their angle brackets.
 */
export interface MailRecordRepository {
  /** Notes the id; false when it was already noted (a duplicate delivery of the same mail). */
  note(messageId: string, direction: MailDirection, ticketId: string | null): Promise<boolean>;
  /** Names the ticket of an id noted before its ticket existed (a new mail opens one after it is noted). */
  attach(messageId: string, ticketId: string): Promise<void>;
  /** The ticket of the newest of these ids that names one, or null. */
  ticketOf(messageIds: readonly string[]): Promise<string | null>;
  /** The ticket's Message-IDs, oldest first: the first and the latest `latest` of them (a mail's References). */
  chainOf(ticketId: string, latest: number): Promise<string[]>;
  /** Where an e-mail person has tickets (requester, assignee or CC): the workspace and platform of one, or null. */
  homeOf(personId: string): Promise<{ workspaceId: string; platform: Platform } | null>;
}

/** A file that came with a mail, as it is stored (table `email_files`). */
export interface NewMailFile {
  name: string;
  type: string | null;
  content: Uint8Array;
}

export interface StoredMailFile {
  id: string;
  ticketId: string;
  name: string;
  type: string | null;
  size: number;
  content: Uint8Array;
}

/** The files of received mail, in Postgres so every instance serves them (the web area, Slack uploads). */
export interface MailFileRepository {
  /**
   * Stores the files under the ticket and answers how the history names each: `url` is the
   * path `/files/<id>` on the web area (PUBLIC_URL is added where the link is shown).
   */
  add(ticketId: string, files: readonly NewMailFile[]): Promise<FileRef[]>;
  /** Files `add` stored, now under another ticket (a follow-up the mail opened). */
  moveTo(ticketId: string, files: readonly FileRef[]): Promise<void>;
  byId(id: string): Promise<StoredMailFile | null>;
}

/** A ticket and its e-mail people, for the adapters that mail them. */
export type MailTicket = Pick<Ticket, 'id' | 'workspaceId' | 'number' | 'title' | 'requesterId' | 'assigneeId' | 'ccIds'>;
