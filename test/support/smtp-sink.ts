import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A mail the sink accepted: its envelope, and the message as mailparser reads it. */
export interface SunkMail {
  to: string[];
  raw: string;
  parsed: ParsedMail;
  at: number;
}

/**
 * A local SMTP server playing the outbound mail server: it records every mail it accepts, and a
 * test can make it answer a temporary (`451`) or permanent (`550`) error instead, as a real
 * server does during an outage or for a refused recipient.
 */
export class SmtpSink {
  readonly mails: SunkMail[] = [];
  /** Attempts to send a mail (DATA commands), accepted or not. */
  attempts = 0;
  /** While set, every mail is refused with this code at the end of DATA. */
  failWith: 451 | 550 | null = null;
  private server: SMTPServer | null = null;
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      // A pooled client may still hold a connection when the test stops the sink: do not wait 30 s for it.
      closeTimeout: 200,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          this.attempts += 1;
          if (this.failWith) {
            const error = new Error(this.failWith === 451 ? 'try again later' : 'mailbox unavailable') as Error & { responseCode: number };
            error.responseCode = this.failWith;
            callback(error);
            return;
          }
          const raw = Buffer.concat(chunks).toString('utf8');
          const to = session.envelope.rcptTo.map((r) => r.address);
          simpleParser(raw).then((parsed) => {
            this.mails.push({ to, raw, parsed, at: Date.now() });
            callback();
          }, callback);
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Mails sent to this address, in the order they arrived. */
  to(address: string): SunkMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
