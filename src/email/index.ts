import type { AppContext, PlatformAdapter } from '../context';
import type { Route } from '../http/server';
import type { ChatDeliverer } from '../outbox/delivery';
import { createInboundEmail } from './inbound';
import { createOutboundEmail, type NameLookup, type OutboundEmail } from './outbound';

/** E-mail as one more adapter (contract §10): mail in (SMTP listener, POST /email/inbound), mail out (outbox rows of kind `email`). */
export interface EmailAdapter {
  routes: Route[];
  deliverer: ChatDeliverer;
  /** Mails a web sign-in link at once (the web's POST /login/email, handed over by app.ts). */
  sendSignInMail: OutboundEmail['sendSignInMail'];
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Writers' names for From and notices: the chat adapters' directories (an adapter that is off names nobody). */
const chatNames = (chat: readonly PlatformAdapter[]): NameLookup => async (ticket, ids) =>
  (await chat.find((a) => a.platform === ticket.platform)?.directory?.names(ticket.workspaceId, ids)) ?? new Map<string, string>();

/** `chat` are the chat adapters that are on: EMAIL_TICKETS_CHANNEL names a conversation of one of them. */
export function createEmailAdapter(context: AppContext, chat: readonly PlatformAdapter[]): EmailAdapter {
  const log = context.log.child({ platform: 'email' });
  const scoped = { ...context, log };
  const inbound = createInboundEmail(scoped, chat);
  const outbound = createOutboundEmail(scoped, chatNames(chat));
  return {
    routes: inbound.routes,
    deliverer: outbound.deliverer,
    sendSignInMail: outbound.sendSignInMail,
    start: () => inbound.start(),
    stop: async () => {
      await inbound.stop();
      await outbound.stop();
    },
  };
}
