import type { FileRef, Locale, Platform } from './ticket';

/**
 * What Chamado owes the chat, in platform-neutral words. Use cases enqueue these in the same
 * transaction as the change that caused them (the outbox); the delivery worker hands them to
 * the platform's renderer, which turns them into Block Kit or Adaptive Cards.
 */
export type NoticeAction = 'still_need_help' | 'close_it' | 'reopen_original';

/** A line of text for a thread: an i18n key and its values, in one locale. */
export interface Notice {
  key: string;
  params: Record<string, string | number>;
  locale: Locale;
  /** People to mention (platform user ids). */
  mentions?: string[];
  actions?: NoticeAction[];
  /** Tickets listed under the line, each with its number and title (a split's summary). */
  tickets?: { number: number; title: string }[];
}

export type PostBody =
  /** The ticket card, top-level in the ticket's channel; its id becomes the ticket thread. */
  | { kind: 'ticket_card'; ticketId: string }
  /** Re-render the card in place with the ticket's current state. */
  | { kind: 'card_update'; ticketId: string }
  /** A reply in the ticket thread. */
  | { kind: 'thread_notice'; ticketId: string; notice: Notice }
  /** A message in some other conversation (a split summary in the source thread). */
  | { kind: 'conversation_notice'; channelId: string; threadId: string | null; notice: Notice }
  /** The new-ticket announcement (with a Claim button) in the triage channel, when one is set. */
  | { kind: 'triage_announcement'; ticketId: string; notice: Notice }
  /**
   * The first-response alert: Slack posts it in the triage channel when one is set (the notice
   * names #n), else in the ticket thread mentioning the agents; Teams posts it in the thread.
   */
  | { kind: 'sla_alert'; ticketId: string; notice: Notice }
  /**
   * A person's message copied into the ticket thread (a message in a closed ticket's thread that
   * joined its follow-up, or one an agent added): the notice says who wrote it, then its text and files.
   */
  | { kind: 'relayed_message'; ticketId: string; notice: Notice; message: RelayedText }
  /** One mail to one of the ticket's e-mail people (contract §10), delivered by the e-mail adapter over SMTP. */
  | { kind: 'email'; ticketId: string; to: MailRecipient; mail: MailContent };

/** A relayed message's words and files. */
export interface RelayedText {
  text: string;
  files: FileRef[];
  /** Plain words from outside the chat (a mail): never platform markup, escaped whole. */
  plain?: boolean;
}

/** An e-mail person of a ticket (`email:<address>`), in their language. */
export interface MailRecipient {
  personId: string;
  locale: Locale;
}

export type MailContent =
  /** A person's message in the ticket's history (from any surface), mailed to every e-mail person but its writer. */
  | { type: 'message'; authorId: string; text: string; files: FileRef[] }
  /** Chamado's own line: a status change, reminder, auto-close, follow-up notice or the acknowledgement of a new ticket. */
  | { type: 'notice'; notice: Notice };

/** Where an outbox row goes: a chat platform, or mail. */
export type DeliveryChannel = Platform | 'email';

export interface OutboundPost {
  workspaceId: string;
  /** `email` rows are mail (body kind `email`); the others go to that platform's chat. */
  platform: DeliveryChannel;
  /** Posts with the same key are delivered one after another, in order (one thread, one key). */
  orderingKey: string;
  ticketNumber: number | null;
  body: PostBody;
}
