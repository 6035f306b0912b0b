import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { z } from 'zod';
import type { NewMailFile } from '../../core';
import { stripQuotes } from './strip-quotes';

/** The largest file kept from a mail; a larger one is named in the thread instead (the mail itself is capped by EMAIL_MAX_BYTES). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** The References a reply is looked up by. */
const MAX_REFERENCES = 50;

/** What the SMTP conversation said (the HTTP route has none: its mail's headers stand in). */
export interface Envelope {
  /** MAIL FROM; '' for the empty sender `<>` of bounces; null when there was no SMTP conversation. */
  mailFrom: string | null;
  rcptTo: string[];
}

/** A mail as the intake reads it, before it knows the ticket. */
export interface ParsedInbound {
  messageId: string;
  from: string;
  /** Every To and Cc address (lower case), and the envelope recipients, for the tag and the CCs. */
  to: string[];
  cc: string[];
  recipients: string[];
  subject: string;
  text: string;
  files: NewMailFile[];
  skippedFiles: { name: string; size: number }[];
  references: string[];
  automatic: boolean;
  portuguese: boolean;
}

/** A mail that cannot be taken: answered with a clear permanent refusal (SMTP 550, HTTP 400). */
export class MalformedMailError extends Error {}

const ADDRESS = z.string().trim().toLowerCase().pipe(z.string().regex(/^[^\s@<>]+@[^\s@<>]+$/));

/** The fields taken from the parser, checked: a parser's leniency never reaches the core. */
const PARSED = z.object({
  messageId: z.string().max(998).optional(),
  subject: z.string().max(10_000).optional().default(''),
  text: z.string().optional().default(''),
  inReplyTo: z.string().max(10_000).optional(),
  references: z.union([z.string(), z.array(z.string())]).optional(),
});

const addresses = (field: AddressObject | AddressObject[] | undefined): string[] =>
  (Array.isArray(field) ? field : field ? [field] : [])
    .flatMap((o) => o.value.flatMap((a) => [a.address ?? '', ...(a.group ?? []).map((g) => g.address ?? '')]))
    .map((a) => ADDRESS.safeParse(a))
    .flatMap((r) => (r.success ? [r.data] : []));

/** Message ids as we keep them: without angle brackets, each once. */
export const messageIds = (text: string | string[] | undefined): string[] =>
  [...new Set((Array.isArray(text) ? text.join(' ') : text ?? '').match(/<[^<>\s]+>|[^<>\s,]+@[^<>\s,]+/g)?.map((id) => id.replace(/^<|>$/g, '')) ?? [])];

/** A raw header's value (the first of that name), unfolded. */
function header(parsed: ParsedMail, name: string): string | null {
  const line = parsed.headerLines.find((h) => h.key === name)?.line;
  return line === undefined ? null : line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Auto-replies, bounces and list mail (contract §10): opened nothing, answered nothing. */
function isAutomatic(parsed: ParsedMail, from: string, envelope: Envelope): boolean {
  const autoSubmitted = header(parsed, 'auto-submitted');
  if (autoSubmitted !== null && autoSubmitted.toLowerCase() !== 'no') return true;
  if (header(parsed, 'x-autoreply') !== null || header(parsed, 'x-autorespond') !== null) return true;
  if (/^(bulk|junk|list)$/i.test(header(parsed, 'precedence') ?? '')) return true;
  if (envelope.mailFrom === '' || /^<\s*>$/.test(header(parsed, 'return-path') ?? '')) return true;
  if (/^mailer-daemon@/i.test(from)) return true;
  return /multipart\/report/i.test(header(parsed, 'content-type') ?? '');
}

/** A file name safe to keep and to offer for download: no path, no control characters, bounded. */
export const safeFileName = (name: string | undefined): string =>
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is dropped
  (name ?? '').replace(/^.*[\\/]/, '').replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200) || 'attachment';

function filesOf(parsed: ParsedMail): Pick<ParsedInbound, 'files' | 'skippedFiles'> {
  const files: NewMailFile[] = [];
  const skippedFiles: { name: string; size: number }[] = [];
  for (const a of parsed.attachments) {
    // Images an HTML body shows inline are part of its layout, not files the person sent.
    if (a.related && a.contentDisposition !== 'attachment') continue;
    const name = safeFileName(a.filename);
    if (a.content.byteLength > MAX_FILE_BYTES) skippedFiles.push({ name, size: a.content.byteLength });
    else files.push({ name, type: a.contentType || null, content: a.content });
  }
  return { files, skippedFiles };
}

/** Reads a raw RFC 822 message; a mail with no sender address is malformed. */
export async function parseMail(raw: Buffer, envelope: Envelope): Promise<ParsedInbound> {
  let parsed: ParsedMail;
  try {
    parsed = await simpleParser(raw, { skipImageLinks: true, skipTextToHtml: true, skipTextLinks: true });
  } catch (error) {
    throw new MalformedMailError(`the message could not be read as e-mail (${error instanceof Error ? error.message : 'unknown error'})`);
  }
  const fields = PARSED.safeParse(parsed);
  if (!fields.success) throw new MalformedMailError('the message has headers Chamado cannot read');
  // The envelope sender is not the writer (a list, a forwarder): without a From header nobody is.
  const from = addresses(parsed.from)[0];
  if (!from) throw new MalformedMailError('the message has no From address');
  const { messageId, subject, text, inReplyTo, references } = fields.data;
  // A mail with no Message-ID is still stored once: the same bytes make the same id.
  const id = messageIds(messageId)[0] ?? `${createHash('sha256').update(raw).digest('hex')}@no-message-id.chamado`;
  return {
    messageId: id,
    from,
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    recipients: envelope.rcptTo.map((r) => r.trim().toLowerCase()),
    subject,
    text: stripQuotes(text),
    ...filesOf(parsed),
    // In-Reply-To first, then the newest References: a long chain's old ids add nothing.
    references: [...new Set([...messageIds(inReplyTo), ...messageIds(references).slice(-MAX_REFERENCES)])],
    automatic: isAutomatic(parsed, from, envelope),
    portuguese: /^pt\b/i.test(header(parsed, 'content-language') ?? ''),
  };
}
