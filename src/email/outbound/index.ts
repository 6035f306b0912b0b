import type { AppContext } from '../../context';
import type { Locale } from '../../core';
import type { ChatDeliverer } from '../../outbox/delivery';
import { emailDeliverer, type NameLookup } from './deliverer';
import { signInMail } from './sign-in-mail';
import { supportAddressOf } from './support-address';
import { smtpTransport } from './transport';

export type { NameLookup } from './deliverer';

/** Mail out: the deliverer of outbox rows of kind `email`, and the sign-in link mailed at once. */
export interface OutboundEmail {
  deliverer: ChatDeliverer;
  /** Mails a web sign-in link now, not through the outbox (contract §9); throws when the server did not take it. */
  sendSignInMail(address: string, url: string, minutes: number, locale: Locale): Promise<void>;
  stop(): Promise<void>;
}

export function createOutboundEmail(context: AppContext, names: NameLookup): OutboundEmail {
  const transport = smtpTransport(context.config.SMTP_URL!);
  const support = supportAddressOf(context.config.EMAIL_FROM!);
  return {
    deliverer: emailDeliverer(context, transport, support, names),
    sendSignInMail: (address, url, minutes, locale) => transport.send(signInMail(support, address, url, minutes, locale)),
    stop: async () => transport.close(),
  };
}
