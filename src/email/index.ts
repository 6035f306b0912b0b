import type { AppContext, PlatformAdapter } from '../context';
import type { Route } from '../http/server';
import type { ChatDeliverer } from '../outbox/delivery';
import { createInboundEmail } from './inbound';
import { createOutboundEmail } from './outbound';

/** E-mail as one more adapter (contract §10): mail in (SMTP listener, POST /email/inbound), mail out (outbox rows of kind `email`). */
export interface EmailAdapter {
  routes: Route[];
  deliverer: ChatDeliverer;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** `chat` are the chat adapters that are on: EMAIL_TICKETS_CHANNEL names a conversation of one of them. */
export function createEmailAdapter(context: AppContext, chat: readonly PlatformAdapter[]): EmailAdapter {
  const log = context.log.child({ platform: 'email' });
  const scoped = { ...context, log };
  const inbound = createInboundEmail(scoped, chat);
  const outbound = createOutboundEmail(scoped);
  return {
    routes: inbound.routes,
    deliverer: outbound.deliverer,
    start: () => inbound.start(),
    stop: async () => {
      await inbound.stop();
      await outbound.stop();
    },
  };
}
