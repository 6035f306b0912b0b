import type { AppContext } from '../../context';
import { receiveMail, type MailHome, type ReceiveMailOutcome } from '../../core';
import { readTag, TAG_KEY_NAME, tagOf, newTagKey } from '../tag';
import { HomeUnavailableError } from './home';
import { MalformedMailError, MAX_FILE_BYTES, parseMail, type Envelope, type ParsedInbound } from './parse-mail';

/** What became of one raw mail; the SMTP listener and the HTTP route each answer it in their words. */
export type IntakeResult =
  | { status: 'accepted'; outcome: ReceiveMailOutcome }
  /** Mail from the support address itself: never read, so no loop. */
  | { status: 'ignored' }
  /** Refused for good: the sender is told why. */
  | { status: 'malformed'; reason: string }
  /** Not stored, try again later (the database or the e-mail home is not there yet). */
  | { status: 'retry'; reason: string };

/** `Acme Support <support@acme.example>` → `support@acme.example`. */
export const supportAddressOf = (emailFrom: string): string => (/<([^<>]+)>/.exec(emailFrom)?.[1] ?? emailFrom).trim().toLowerCase();

/** Takes raw mail in: parse, find the home and the tag, hand it to the core; the result says how to answer. */
export function mailIntake(context: AppContext, home: () => Promise<MailHome>): (raw: Buffer, envelope: Envelope) => Promise<IntakeResult> {
  const { log, deps, config } = context;
  const support = supportAddressOf(config.EMAIL_FROM ?? '');
  let tagKey: string | null = null;
  const key = async () => (tagKey ??= await context.platformRecords.appSecrets.getOrCreate(TAG_KEY_NAME, newTagKey));

  const taggedNumber = async (mail: ParsedInbound, workspaceId: string): Promise<number | null> => {
    for (const recipient of [...mail.recipients, ...mail.to, ...mail.cc]) {
      const tag = tagOf(recipient, support)?.tag;
      // A tag whose signature fails makes the mail a new one (contract §10).
      if (tag) return readTag(await key(), workspaceId, tag);
    }
    return null;
  };

  return async (raw, envelope) => {
    let mail: ParsedInbound;
    try {
      mail = await parseMail(raw, envelope);
    } catch (error) {
      if (error instanceof MalformedMailError) {
        log.info({ platform: 'email', reason: error.message }, 'refused a malformed mail');
        return { status: 'malformed', reason: error.message };
      }
      throw error;
    }
    if (mail.from === support) {
      log.info({ platform: 'email', messageId: mail.messageId }, 'ignored mail from the support address itself');
      return { status: 'ignored' };
    }
    try {
      const where = await home();
      const others = [...new Set([...mail.to, ...mail.cc])].filter((a) => a !== mail.from && a !== support && tagOf(a, support) === null);
      const outcome = await receiveMail(deps, where, {
        messageId: mail.messageId, from: mail.from, others, subject: mail.subject, text: mail.text,
        files: mail.files, skippedFiles: mail.skippedFiles, fileLimitBytes: MAX_FILE_BYTES, references: mail.references,
        taggedNumber: await taggedNumber(mail, where.workspaceId), automatic: mail.automatic, portuguese: mail.portuguese,
        receivedAt: deps.clock.now(),
      });
      log.info({ platform: 'email', outcome: outcome.kind, ticket: ticketNumberOf(outcome), files: mail.files.length }, 'mail received');
      return { status: 'accepted', outcome };
    } catch (error) {
      if (error instanceof HomeUnavailableError) {
        log.error({ platform: 'email' }, `mail is waiting: ${error.message}`);
        return { status: 'retry', reason: 'the tickets channel is not reachable yet' };
      }
      log.error({ platform: 'email', err: error }, 'could not store a received mail; the sender is asked to retry');
      return { status: 'retry', reason: 'the mail could not be stored just now' };
    }
  };
}

const ticketNumberOf = (o: ReceiveMailOutcome): number | null =>
  o.kind === 'opened' || o.kind === 'joined' ? o.ticket.number : o.kind === 'follow_up' ? o.followUp.number : null;
