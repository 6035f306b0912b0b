import { createServer } from 'node:net';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer';
import type Mail from 'nodemailer/lib/mailer';
import { SMTPServer } from 'smtp-server';

import { eventually } from './eventually';

export const SUPPORT = 'support@acme.example';
export const INBOUND_SECRET = 'inbound-secret-for-tests';

/** A port nobody listens on right now (the SMTP listener's SMTP_INBOUND_PORT). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** The outbound SMTP server the app is given (SMTP_URL): a local sink that accepts every mail. */
export interface MailSink {
  url: string;
  received: { from: string; to: string[]; raw: string }[];
  stop(): Promise<void>;
}

export async function startSink(): Promise<MailSink> {
  const received: MailSink['received'] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    // The app's pooled connections would hold a graceful close for 30 s.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The e-mail variables of an app whose tickets go to `channel` (slack:<id> or teams:<id>). */
export const emailEnv = (sink: MailSink, smtpPort: number, channel: string, extra: Record<string, string> = {}): Record<string, string> => ({
  SMTP_URL: sink.url, EMAIL_FROM: `Acme Support <${SUPPORT}>`, EMAIL_TICKETS_CHANNEL: channel,
  SMTP_INBOUND_PORT: String(smtpPort), EMAIL_INBOUND_SECRET: INBOUND_SECRET, ...extra,
});

let ids = 0;
/** A unique Message-ID for a test mail. */
export const newMessageId = (): string => `<m${Date.now()}.${++ids}@customer.example>`;

/** A raw message built by nodemailer's composer (a Message-ID is added unless given). */
export function compose(mail: Mail.Options): Promise<Buffer> {
  return new MailComposer({ messageId: newMessageId(), ...mail }).compile().build();
}

/** Sends raw mail to the app's SMTP listener as a mail server would; resolves with the server's answer or rejects with its refusal. */
export async function sendSmtp(port: number, raw: Buffer | string, envelope: { from: string; to: string[] }): Promise<{ response: string }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, tls: { rejectUnauthorized: false } });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return { response: info.response };
  } finally {
    transport.close();
  }
}

/** POST /email/inbound with one raw mail. */
export async function postInbound(appUrl: string, raw: Buffer | string, opts: { secret?: string | null; type?: string } = {}): Promise<{ status: number; body: string }> {
  const headers: Record<string, string> = { 'content-type': opts.type ?? 'message/rfc822' };
  const secret = opts.secret === undefined ? INBOUND_SECRET : opts.secret;
  if (secret !== null) headers.authorization = `Bearer ${secret}`;
  const res = await fetch(`${appUrl}/email/inbound`, { method: 'POST', headers, body: typeof raw === 'string' ? raw : new Blob([new Uint8Array(raw)]) });
  return { status: res.status, body: await res.text() };
}

/**
 * Mail is answered once it is kept (email_inbox); a ticket has it just after. Waits until every
 * kept mail is in a ticket, so a test reads what the mail did.
 */
export const inboxDrained = (query: (sql: string) => Promise<{ n: number }[]>): Promise<unknown> =>
  eventually(async () => (await query('SELECT count(*)::int AS n FROM email_inbox WHERE dead_at IS NULL'))[0].n === 0, 'every kept mail in a ticket');
