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

export interface NewWebSession extends WebPerson {
  createdAt: Date;
  expiresAt: Date;
}

/** A session's secrets, in clear only on their way to the browser. */
export interface SessionSecrets {
  cookie: string;
  csrfToken: string;
}

/**
 * Sign-in to the web ticket area: login tokens and sessions, in Postgres so any instance serves
 * any request. The repository makes each secret and stores only its sha256 (contract §9).
 */
export interface WebSignInRepository {
  /** How many links this person was given since `since` (the rate limit). */
  linksSince(workspaceId: string, userId: string, since: Date): Promise<number>;
  /** Stores a new single-use token and answers it in clear (the one time it exists so). */
  addLoginToken(token: NewLoginToken): Promise<string>;
  /** Marks the token used and answers whom it names; null when unknown, used or expired. Atomic. */
  useLoginToken(token: string, now: Date): Promise<LoginGrant | null>;
  addSession(session: NewWebSession): Promise<SessionSecrets>;
  /** The live session a cookie names, or null (unknown or expired). */
  session(cookie: string, now: Date): Promise<WebSession | null>;
  endSession(cookie: string): Promise<void>;
  /**
   * Deletes sessions and login links whose time is over (a used link too, once expired: until then
   * the per-person rate limit still counts it), at most `limit` of each; answers how many went.
   */
  purge(now: Date, limit: number): Promise<{ sessions: number; tokens: number }>;
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
