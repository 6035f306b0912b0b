import type { AppContext } from '../../context';
import { mailReceiver, type MailHome, type ReceiveMailOutcome } from '../../core';
import { readTag, TAG_KEY_NAME, tagOf, newTagKey } from '../tag';
import { HomeUnavailableError } from './home';
import { MalformedMailError, MAX_FILE_BYTES, parseMail, type Envelope, type ParsedInbound } from './parse-mail';

/** How a raw mail was answered; the SMTP listener and the HTTP route each say it in their words. */
export type IntakeResult =
  /** Kept (or already kept or received: `duplicate`); a ticket opens or joins just after. */
  | { status: 'accepted'; duplicate: boolean }
  /** Mail from the support address itself: never read, so no loop. */
  | { status: 'ignored' }
  /** Refused for good: the sender is told why. */
  | { status: 'malformed'; reason: string }
  /** Not kept, try again later (the database is not there). */
  | { status: 'retry'; reason: string };

/** A raw mail read: refused, ignored, or ready to keep. */
export type ReadMail = { status: 'malformed'; reason: string } | { status: 'ignored' } | { status: 'read'; mail: ParsedInbound };

/**
 * What became of a kept mail once a ticket was looked for. `waiting`: the e-mail home is not there
 * yet, which only its settings or the bot's install can fix, so it waits as long as it takes.
 */
export type ReceiveResult = { status: 'received'; outcome: ReceiveMailOutcome } | { status: 'retry'; reason: string; waiting: boolean };

/** `Acme Support <support@acme.example>` → `support@acme.example`. */
export const supportAddressOf = (emailFrom: string): string => (/<([^<>]+)>/.exec(emailFrom)?.[1] ?? emailFrom).trim().toLowerCase();

/** The tag of the first recipient address that carries one (`support+<tag>@…`), not yet verified. */
export function replyTagOf(mail: Pick<ParsedInbound, 'recipients' | 'to' | 'cc'>, support: string): string | null {
  for (const address of [...mail.recipients, ...mail.to, ...mail.cc]) {
    const tag = tagOf(address, support)?.tag;
    if (tag) return tag;
  }
  return null;
}

/** Reads a raw mail before it is kept, so a malformed one is refused while the sender is still there. */
export function mailReader(context: AppContext): (raw: Buffer, envelope: Envelope) => Promise<ReadMail> {
  const { log, config } = context;
  const support = supportAddressOf(config.EMAIL_FROM ?? '');
  return async (raw, envelope) => {
    let mail: ParsedInbound;
    try {
      mail = await parseMail(raw, envelope);
    } catch (error) {
      if (!(error instanceof MalformedMailError)) throw error;
      log.info({ platform: 'email', reason: error.message }, 'refused a malformed mail');
      return { status: 'malformed', reason: error.message };
    }
    if (mail.from === support) {
      log.info({ platform: 'email', messageId: mail.messageId }, 'ignored mail from the support address itself');
      return { status: 'ignored' };
    }
    return { status: 'read', mail };
  };
}

/** Hands a read mail to the core: find the home and the tag, join a ticket or open one (with the mails handed over beside it). */
export function mailToTicket(context: AppContext, home: () => Promise<MailHome>): (mail: ParsedInbound) => Promise<ReceiveResult> {
  const { log, deps, config } = context;
  const support = supportAddressOf(config.EMAIL_FROM ?? '');
  const receive = mailReceiver(deps);
  let tagKey: string | null = null;
  const key = async () => (tagKey ??= await context.platformRecords.appSecrets.getOrCreate(TAG_KEY_NAME, newTagKey));

  const taggedNumber = async (mail: ParsedInbound, workspaceId: string): Promise<number | null> => {
    const tag = replyTagOf(mail, support);
    // A tag whose signature fails makes the mail a new one (contract §10).
    return tag ? readTag(await key(), workspaceId, tag) : null;
  };

  return async (mail) => {
    try {
      const where = await home();
      const others = [...new Set([...mail.to, ...mail.cc])].filter((a) => a !== mail.from && a !== support && tagOf(a, support) === null);
      const outcome = await receive({ home: where, mail: {
        messageId: mail.messageId, from: mail.from, others, subject: mail.subject, text: mail.text,
        files: mail.files, skippedFiles: mail.skippedFiles, fileLimitBytes: MAX_FILE_BYTES, references: mail.references,
        taggedNumber: await taggedNumber(mail, where.workspaceId), automatic: mail.automatic, portuguese: mail.portuguese,
        receivedAt: deps.clock.now(),
      } });
      log.info({ platform: 'email', outcome: outcome.kind, ticket: ticketNumberOf(outcome), files: mail.files.length }, 'mail received');
      return { status: 'received', outcome };
    } catch (error) {
      if (error instanceof HomeUnavailableError) {
        log.error({ platform: 'email' }, `mail is waiting: ${error.message}`);
        return { status: 'retry', reason: error.message, waiting: true };
      }
      log.error({ platform: 'email', err: error }, 'a kept mail could not be put in a ticket just now; it is tried again');
      return { status: 'retry', reason: error instanceof Error ? error.message : String(error), waiting: false };
    }
  };
}

const ticketNumberOf = (o: ReceiveMailOutcome): number | null =>
  o.kind === 'opened' || o.kind === 'joined' ? o.ticket.number : o.kind === 'follow_up' ? o.followUp.number : null;
