import type { ChatMessage, Platform } from './ticket';

/**
 * What the chat adapters remember about their platforms beside the tickets: small ports, one
 * job each, implemented in src/persistence. The use cases never need them; an adapter calls them
 * directly for its own bookkeeping, and calls a use case for anything that is ticket work.
 */

/** Where a ticket's card was posted: from then on the card's id is the ticket thread. */
export interface CardLocations {
  /** `cardUrl` links to the card (Slack's permalink), when the platform gave one. */
  record(ticketId: string, channelId: string, threadId: string, cardUrl?: string | null): Promise<void>;
  /** Stores the card's link when it could not be had as the card was posted. */
  setCardUrl(ticketId: string, cardUrl: string): Promise<void>;
  /** The card links of a workspace's tickets, by number (tickets without one are absent). */
  cardUrlsOf(workspaceId: string, numbers: readonly number[]): Promise<Map<number, string>>;
}

/** Inbound platform events already handled: Slack sends an event again when it thinks we missed it. */
export interface InboundEventLog {
  /** Notes the event as seen; false when it already was (a retry). */
  markSeen(eventId: string): Promise<boolean>;
  /** Forgets an event whose handling failed, so its retry can still do the work. */
  forget(eventId: string): Promise<void>;
}

/** Channel messages the bot received or read, so a conversation can be split later (Teams has no history API). */
export interface ConversationLog {
  /** Keeps a message; an edit (same id) replaces its text and files. */
  record(workspaceId: string, platform: Platform, message: ChatMessage): Promise<void>;
  /** A thread's root and replies, oldest first (the latest `limit` of them). */
  thread(workspaceId: string, channelId: string, threadId: string, limit: number): Promise<ChatMessage[]>;
  byIds(workspaceId: string, channelId: string, ids: readonly string[]): Promise<ChatMessage[]>;
}

/**
 * How to reach a conversation again later (proactive posts to Teams), kept across restarts and
 * shared by every instance. The reference is the platform's own JSON, opaque to the core.
 */
export interface ConversationReferences {
  /** Saves the reference (only written when it changed). */
  save(workspaceId: string, conversationId: string, reference: object): Promise<void>;
  find(workspaceId: string, conversationId: string): Promise<unknown>;
  /** The workspace a conversation the bot has seen belongs to (e-mail's EMAIL_TICKETS_CHANNEL), else null. */
  workspaceOf(conversationId: string): Promise<string | null>;
}

export interface PersonName {
  id: string;
  name: string;
}

/** Display names a platform told us in passing (Teams sends them with each activity and has no lookup for the bot). */
export interface PeopleNames {
  remember(workspaceId: string, people: readonly PersonName[]): Promise<void>;
  /** Names by user id; an id never seen maps to itself. */
  namesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>>;
}

/** Secrets every instance must agree on (the key that signs e-mail reply tags), made once and kept in the database. */
export interface AppSecrets {
  /** The secret named `name`; the first caller's `make()` wins when two instances race. */
  getOrCreate(name: string, make: () => string): Promise<string>;
}

/** A mail as it was accepted: its raw bytes and what the SMTP conversation said. */
export interface KeptMail {
  id: string;
  messageId: string;
  raw: Buffer;
  mailFrom: string | null;
  rcptTo: string[];
  attempts: number;
}

/**
 * Mail kept raw until a ticket has it (contract §10: nothing acknowledged is lost). A row is worked
 * under a lease: the instance that keeps a mail may hold it at once; a row whose lease ran out, or
 * that waits for a retry, is claimed by any instance.
 */
export interface MailInbox {
  /** Keeps a mail, held by `holder` for `leaseMs` when given; null when its Message-ID is already kept or received (a duplicate). */
  keep(mail: Omit<KeptMail, 'id' | 'attempts'>, holder: string | null, leaseMs: number): Promise<string | null>;
  /** Up to `limit` due rows nobody holds, oldest first, now held by `holder`. */
  claim(holder: string, limit: number, leaseMs: number): Promise<KeptMail[]>;
  /** Rows whose mail is in a ticket (or refused for good after it was kept, see `bury`). */
  done(ids: readonly string[]): Promise<void>;
  /** Tries the row again at `at`, after one more attempt. */
  later(id: string, error: string, at: Date): Promise<void>;
  /** A row that can never be taken: kept, out of the way, for someone to look at. */
  bury(id: string, error: string): Promise<void>;
  /** Lets go of rows this instance holds but did not start (a stop), so another takes them at once. */
  release(holder: string, ids: readonly string[]): Promise<void>;
}

export interface PlatformRecords {
  cardLocations: CardLocations;
  inboundEvents: InboundEventLog;
  conversationLog: ConversationLog;
  conversationReferences: ConversationReferences;
  peopleNames: PeopleNames;
  appSecrets: AppSecrets;
  mailInbox: MailInbox;
}
