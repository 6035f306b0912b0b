import type { AppContext, PlatformAdapter } from '../../context';
import type { Route } from '../../http/server';

/** Mail in: the SMTP listener (SMTP_INBOUND_PORT) and POST /email/inbound. */
export interface InboundEmail {
  routes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
}

// Placeholder until the inbound half lands (issue #15): nothing is received yet.
export function createInboundEmail(_context: AppContext, _chat: readonly PlatformAdapter[]): InboundEmail {
  return { routes: [], start: async () => undefined, stop: async () => undefined };
}
