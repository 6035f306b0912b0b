import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Config } from '../../config';
import type { Logger } from '../../logger';
import { tagOf } from '../tag';
import type { IntakeResult } from './intake';
import type { Envelope } from './parse-mail';

export interface SmtpListener {
  /** The port it listens on (SMTP_INBOUND_PORT, or the one the system chose for 0). */
  port(): number;
  stop(): Promise<void>;
}

const MAX_CLIENTS = 200;
const CLOSE_TIMEOUT_MS = 3000;

/** An SMTP answer: smtp-server sends `responseCode` and the message. */
const answer = (code: number, text: string): Error & { responseCode: number } => Object.assign(new Error(text), { responseCode: code });

function tlsOptions(config: Config, log: Logger): { key: Buffer; cert: Buffer } | null {
  if (!config.SMTP_INBOUND_TLS_CERT || !config.SMTP_INBOUND_TLS_KEY) return null;
  try {
    return { cert: readFileSync(config.SMTP_INBOUND_TLS_CERT), key: readFileSync(config.SMTP_INBOUND_TLS_KEY) };
  } catch (error) {
    log.error({ platform: 'email', err: error }, 'SMTP_INBOUND_TLS_CERT/SMTP_INBOUND_TLS_KEY could not be read; the listener offers no STARTTLS');
    return null;
  }
}

/** Reads the DATA stream whole (an SMTP server must), keeping nothing once it is over the limit. */
function readData(stream: SMTPServerDataStream): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      if (!stream.sizeExceeded) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded ? null : Buffer.concat(chunks)));
  });
}

const envelopeOf = (session: SMTPServerSession): Envelope => ({
  mailFrom: session.envelope.mailFrom === false ? null : session.envelope.mailFrom.address,
  rcptTo: session.envelope.rcptTo.map((r) => r.address),
});

/**
 * The built-in listener (contract §10): mail for the support address and its plus forms, no AUTH,
 * STARTTLS when a certificate is configured. A mail is answered 250 only once it is kept (committed,
 * src/email/inbound/inbox.ts); a database that fails gets a temporary 451, so the sending server keeps it and tries again.
 */
export async function startSmtpListener(
  config: Config, log: Logger, support: string, intake: (raw: Buffer, envelope: Envelope) => Promise<IntakeResult>,
): Promise<SmtpListener> {
  const tls = tlsOptions(config, log);
  const maxBytes = config.EMAIL_MAX_BYTES;
  const server = new SMTPServer({
    name: new URL(config.PUBLIC_URL).hostname,
    banner: 'Chamado',
    authOptional: true,
    disabledCommands: tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
    ...(tls ?? {}),
    size: maxBytes,
    // Enough for any mail server's parallel deliveries; beyond it a connection is told to come back.
    maxClients: MAX_CLIENTS,
    // A stop waits this long for senders to finish (SIGTERM must exit within 15 s), then closes the rest.
    closeTimeout: CLOSE_TIMEOUT_MS,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (tagOf(address.address, support) === null) return callback(answer(550, `5.1.1 <${address.address}>: no such mailbox here`));
      callback();
    },
    onData(stream, session, callback) {
      readData(stream)
        .then(async (raw) => {
          if (raw === null) return callback(answer(552, `5.3.4 the message is larger than ${maxBytes} bytes`));
          const result = await intake(raw, envelopeOf(session));
          switch (result.status) {
            case 'accepted':
            case 'ignored':
              return callback(null, 'OK: received');
            case 'malformed':
              return callback(answer(550, `5.6.0 ${result.reason}`));
            case 'retry':
              return callback(answer(451, `4.3.0 ${result.reason}; please try again later`));
          }
        })
        .catch((error: unknown) => {
          log.error({ platform: 'email', err: error }, 'SMTP listener: a mail could not be taken');
          callback(answer(451, '4.3.0 the mail could not be stored just now; please try again later'));
        });
    },
  });
  server.on('error', (error) => log.warn({ platform: 'email', err: error }, 'SMTP listener error'));
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(config.SMTP_INBOUND_PORT, config.HOST, () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  log.info({ platform: 'email', port, starttls: Boolean(tls) }, 'SMTP listener is on');
  return {
    port: () => port,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
