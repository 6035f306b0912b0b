import type { Platform, Ticket } from './ticket';

/** Who a login link or a web session speaks for. */
export interface WebPerson {
  workspaceId: string;
  platform: Platform;
  userId: string;
  /** The person's IANA time zone when their platform told us, else null (DEFAULT_TIMEZONE). */
  timeZone: string | null;
}

export interface NewLoginToken extends WebPerson {
  tokenHash: string;
  /** The ticket the link was made for: the login lands on it. */
  ticketNumber: number | null;
  createdAt: Date;
  expiresAt: Date;
}

export interface LoginGrant extends WebPerson {
  ticketNumber: number | null;
}

export interface WebSession extends WebPerson {
  csrfToken: string;
  expiresAt: Date;
}

export interface NewWebSession extends WebSession {
  sessionHash: string;
  createdAt: Date;
}

/**
 * Sign-in to the web ticket area: login tokens and sessions, both stored only as sha256 hashes
 * of their secrets (contract §9), in Postgres so any instance serves any request.
 */
export interface WebSignInRepository {
  /** How many links this person was given since `since` (the rate limit). */
  linksSince(workspaceId: string, userId: string, since: Date): Promise<number>;
  addLoginToken(token: NewLoginToken): Promise<void>;
  /** Marks the token used and answers whom it names; null when unknown, used or expired. Atomic. */
  useLoginToken(tokenHash: string, now: Date): Promise<LoginGrant | null>;
  addSession(session: NewWebSession): Promise<void>;
  /** The live session of this hash, or null (unknown or expired). */
  session(sessionHash: string, now: Date): Promise<WebSession | null>;
  endSession(sessionHash: string): Promise<void>;
}

/**
 * What a chat platform tells the web area about its people and threads. Each platform adapter
 * provides one; the web never shows a raw platform id, so an unknown name falls back to words.
 */
export interface PeopleDirectory {
  readonly platform: Platform;
  isAgent(workspaceId: string, userId: string): Promise<boolean>;
  /** Display names of the ids it knows; unknown ids are absent. */
  names(workspaceId: string, userIds: readonly string[]): Promise<Map<string, string>>;
  /** The workspace's agents it knows of (for "assign to"). */
  agents(workspaceId: string): Promise<string[]>;
  /** A link that opens the ticket's chat thread, when there is one. */
  threadUrl(ticket: Pick<Ticket, 'workspaceId' | 'channelId' | 'threadId'>): Promise<string | null>;
}
