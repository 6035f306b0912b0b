import { emailPersonId } from '../email-people';
import type { NewMailFile } from '../email-ports';
import type { Repositories } from '../ports';
import type { ChatMessage, FileRef, Platform, Ticket } from '../ticket';
import { localeOf, postThreadNotice, type UseCaseDeps } from './shared';

/** One received mail, as the e-mail adapter parsed it: no platform words, addresses in lower case. */
export interface InboundMail {
  /** The Message-ID without its angle brackets. */
  messageId: string;
  from: string;
  /** To and Cc addresses other than the support address (and its plus forms) and the sender. */
  others: string[];
  subject: string;
  /** The new text: quoted earlier mail and signature already stripped, HTML turned into text. */
  text: string;
  files: NewMailFile[];
  /** Files left out for being over the per-file limit: named in the thread. */
  skippedFiles: { name: string; size: number }[];
  /** The per-file limit, for the line that names skipped files. */
  fileLimitBytes: number;
  /** In-Reply-To and References, without angle brackets. */
  references: string[];
  /** The ticket number of a reply tag whose signature verified, else null. */
  taggedNumber: number | null;
  /** An auto-reply or a bounce: it opens nothing, changes nothing, is answered with nothing. */
  automatic: boolean;
  /** Its Content-Language is Portuguese. */
  portuguese: boolean;
  receivedAt: Date;
}

/** Where tickets opened by mail live: EMAIL_TICKETS_CHANNEL's workspace and conversation. */
export interface MailHome {
  workspaceId: string;
  platform: Platform;
  channelId: string;
}

export type ReceiveMailOutcome =
  | { kind: 'duplicate' }
  /** Automatic mail is dropped (its Message-ID kept, so it is never looked at twice). */
  | { kind: 'automatic' }
  | { kind: 'opened'; ticket: Ticket }
  | { kind: 'joined'; ticket: Ticket; reopened: boolean }
  | { kind: 'follow_up'; original: Ticket; followUp: Ticket };

/** At most this many people join a ticket as CCs from one mail's To and Cc (a mail to a whole list is not a ticket's audience). */
export const MAX_MAIL_CCS = 50;

/** The CCs a mail adds: its other addresses as person ids, once each, not `exclude`, at most MAX_MAIL_CCS. */
export const ccsOf = (mail: Pick<InboundMail, 'others'>, exclude: (id: string) => boolean): string[] =>
  [...new Set(mail.others.map(emailPersonId))].filter((id) => !exclude(id)).slice(0, MAX_MAIL_CCS);

const PREFIX = /^\s*(?:(?:re|fwd?|res|enc|aw|tr)\s*(?:\[\d+\])?\s*:\s*)+/i;

/** The subject without `Re:`/`Fwd:`/`RES:`/`ENC:` prefixes, however many and in any case. */
export const mailTitle = (subject: string): string => subject.replace(PREFIX, '').replace(/\s+/g, ' ').trim();

/** The mail as a history entry of `ticket`: its files stored under it first, so the entry links them. */
export async function mailMessage(repos: Repositories, ticket: Ticket, mail: InboundMail): Promise<ChatMessage> {
  return mailAsMessage(ticket, mail, await repos.mailFiles.add(ticket.id, mail.files));
}

/** The mail as a history entry in `where`'s thread, with its files already stored. */
export const mailAsMessage = (where: Pick<Ticket, 'channelId' | 'threadId'>, mail: InboundMail, files: FileRef[]): ChatMessage => ({
  id: mail.messageId, channelId: where.channelId, threadId: where.threadId,
  authorId: emailPersonId(mail.from), text: mail.text, files, postedAt: mail.receivedAt,
});

/** Files over the per-file limit are named in the thread, in the requester's language. */
export async function noteSkippedFiles(repos: Repositories, deps: UseCaseDeps, ticket: Ticket, mail: InboundMail): Promise<void> {
  if (mail.skippedFiles.length === 0) return;
  const locale = await localeOf(repos, deps, ticket.workspaceId, ticket.requesterId);
  const limit = `${Math.floor(mail.fileLimitBytes / (1024 * 1024))} MiB`;
  for (const file of mail.skippedFiles) {
    await postThreadNotice(repos, ticket, { key: 'notices.email_file_too_large', params: { number: ticket.number, name: file.name, limit }, locale }, deps.clock.now());
  }
}

