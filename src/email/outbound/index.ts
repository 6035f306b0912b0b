import type { AppContext } from '../../context';
import { DeliveryError, type ChatDeliverer } from '../../outbox/delivery';

/** Mail out: the deliverer of outbox rows of kind `email`. */
export interface OutboundEmail {
  deliverer: ChatDeliverer;
  stop(): Promise<void>;
}

// Placeholder until the outbound half lands (issue #15): rows wait in the outbox, retried.
export function createOutboundEmail(_context: AppContext): OutboundEmail {
  return {
    deliverer: { platform: 'email', deliver: async () => { throw new DeliveryError('e-mail sending is not built yet', true); } },
    stop: async () => undefined,
  };
}
