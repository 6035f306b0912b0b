import type { AppContext, PlatformAdapter } from '../../context';
import type { Route } from '../../http/server';
import { mailHomeResolver } from './home';
import { inboundRoute } from './http-route';
import { mailInbox } from './inbox';
import { mailReader, mailToTicket, replyTagOf, supportAddressOf } from './intake';
import type { ParsedInbound } from './parse-mail';
import { startSmtpListener, type SmtpListener } from './smtp-listener';

/** Mail in: the SMTP listener (SMTP_INBOUND_PORT) and POST /email/inbound. */
export interface InboundEmail {
  routes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The SMTP listener's port once started (SMTP_INBOUND_PORT=0 lets the system choose), else null. */
  smtpPort(): number | null;
}

/** Both ways in share one inbox: a mail is answered once it is kept, and a ticket has it just after. */
export function createInboundEmail(context: AppContext, chat: readonly PlatformAdapter[]): InboundEmail {
  const { config, log } = context;
  const home = mailHomeResolver(config.EMAIL_TICKETS_CHANNEL ?? '', chat);
  const support = supportAddressOf(config.EMAIL_FROM ?? '');
  const isReply = (m: ParsedInbound) => m.references.length > 0 || replyTagOf(m, support) !== null;
  const inbox = mailInbox({ log, instanceId: context.instanceId, inbox: context.platformRecords.mailInbox, isReply }, mailReader(context), mailToTicket(context, home));
  const intake = inbox.take;
  let listener: SmtpListener | null = null;
  return {
    routes: [inboundRoute(config.EMAIL_INBOUND_SECRET, config.EMAIL_MAX_BYTES, intake)],
    start: async () => {
      inbox.start();
      if (config.SMTP_INBOUND_PORT !== undefined) listener = await startSmtpListener(config, log, support, intake);
    },
    stop: async () => {
      await listener?.stop();
      listener = null;
      await inbox.stop();
    },
    smtpPort: () => listener?.port() ?? null,
  };
}
