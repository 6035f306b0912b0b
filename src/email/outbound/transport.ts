import nodemailer from 'nodemailer';
import { DeliveryError } from '../../outbox/delivery';

/** What the deliverers hand nodemailer: one message, one recipient. */
export interface OutgoingMail {
  from: { name: string; address: string };
  to: string;
  replyTo?: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  inReplyTo?: string;
  references?: string[];
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** Connect, greeting and socket timeouts: a hung server holds one delivery slot, well under the outbox lease. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * A pooled SMTP transport over SMTP_URL (`smtps://` for TLS on connect; `smtp://` upgrades with
 * STARTTLS when the server offers it). A few connections are reused across mails, so a steady
 * stream does not pay a handshake per mail.
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true, maxConnections: 5, maxMessages: 500, ...TIMEOUTS });
  return {
    send: async (mail) => {
      try {
        await transporter.sendMail({
          ...mail,
          messageId: `<${mail.messageId}>`,
          inReplyTo: mail.inReplyTo ? `<${mail.inReplyTo}>` : undefined,
          references: mail.references?.map((id) => `<${id}>`),
          // Chamado's mail is automatic (RFC 3834): well-behaved auto-responders stay quiet.
          headers: { 'Auto-Submitted': 'auto-generated' },
        });
      } catch (error) {
        throw deliveryErrorOf(error);
      }
    },
    close: () => transporter.close(),
  };
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  message?: string;
}

/**
 * How the outbox treats a failed send (contract §10): a `5xx` answer is the server refusing this
 * mail for good, so it is dead; a `4xx`, a timeout or a lost connection means it was not taken,
 * so it is retried. A refused login (535) is the operator's to fix, not the mail's fault: retried,
 * so nothing is lost while the password is put right.
 */
export function deliveryErrorOf(error: unknown): DeliveryError {
  const failure = (error ?? {}) as SmtpFailure;
  const message = `SMTP: ${failure.message ?? String(error)}`;
  const code = failure.responseCode ?? 0;
  const permanent = code >= 500 && code < 600 && failure.code !== 'EAUTH';
  return new DeliveryError(message, !permanent);
}
