import type { AuditEventData, AuditEventType, StoredAuditEvent } from './audit-events';
import type { ConversationLog } from './platform-records';
import type { OutboundPost } from './posts';
import type { Locale, Platform, Priority, Status, StoredMessage, Ticket, ChatMessage, Attachments } from './ticket';
import type { WebSignInRepository } from './web-ports';
import type { MailFileRepository, MailRecordRepository } from './email-ports';

/** Time is injected so tests freeze and move it. */
export interface Clock {
  now(): Date;
}

export type NewTicket = Omit<Ticket, 'id' | 'number' | 'ccIds'> & { ccIds?: string[] };

export interface TicketRepository {
  /** Inserts the ticket with the workspace's next number (never colliding across instances). */
  create(ticket: NewTicket): Promise<Ticket>;
  /** Saves every mutable field of the ticket row (not its people: see saveParticipants). */
  save(ticket: Ticket): Promise<void>;
  /** Saves many tickets' mutable fields at once. */
  saveAll(tickets: readonly Ticket[]): Promise<void>;
  /** Rewrites who is on the ticket (requester, assignee, CCs) after one of them changed. */
  saveParticipants(ticket: Ticket): Promise<void>;
  /** With `lock`, the row is locked until the transaction ends (use inside `transaction`). */
  byId(id: string, opts?: { lock?: boolean }): Promise<Ticket | null>;
  /** With `lock`, the row is locked until the transaction ends (use inside `transaction`). */
  byNumber(workspaceId: string, number: number, opts?: { lock?: boolean }): Promise<Ticket | null>;
  /** The tickets of these threads, locked until the transaction ends (use inside `transaction`). */
  lockByThreads(threads: readonly ThreadKey[]): Promise<Ticket[]>;
  /** Tickets where the user is requester, assignee or CC, newest first. */
  listForUser(workspaceId: string, userId: string, statuses: readonly Status[], limit: number): Promise<Ticket[]>;
  listUnassigned(workspaceId: string, limit: number): Promise<Ticket[]>;
  numbersOf(ids: readonly string[]): Promise<Map<string, number>>;
  /** The follow-ups of these tickets that are not closed, newest first, locked until the transaction ends. */
  lockLiveFollowUps(originalIds: readonly string[]): Promise<Ticket[]>;
  /** Remembers that a thread was split into these tickets. */
  recordSplit(thread: ThreadKey, ticketIds: readonly string[]): Promise<void>;
  /** The tickets each of these threads was split into, oldest first (threads never split are absent). */
  splitsOf(threads: readonly ThreadKey[]): Promise<{ thread: ThreadKey; ticket: Ticket }[]>;
}

/** Full-text search over titles and messages, for `search` and the web area. */
export interface SearchQuery {
  workspaceId: string;
  /** What the person typed; each word must match, in any English or Portuguese form. */
  words: string;
  /** Only tickets this person is on (requester, assignee or CC); null: the whole workspace. */
  participantId: string | null;
  /** Only these statuses; absent: any. */
  statuses?: readonly Status[];
  limit: number;
}

/** The agents' queue: tickets that are not closed, unassigned first, then by priority, then the oldest. */
export interface QueueQuery {
  workspaceId: string;
  /** Open, pending or both. */
  statuses: readonly Exclude<Status, 'closed'>[];
  /** `none`: unassigned only; a user id: assigned to that person; absent: anyone. */
  assignee?: 'none' | { userId: string };
  priorities?: readonly Priority[];
  /** Only tickets the search of these words finds (as `search` does); absent or blank: every ticket. */
  words?: string;
  limit: number;
  offset?: number;
}

/** Read-only ticket queries shared by the chat commands and the web area (src/persistence/ticket-queries.ts). */
export interface TicketQueries {
  /** Best match first (a title match weighs double), ties newest first. */
  search(query: SearchQuery): Promise<Ticket[]>;
  /** One page in queue order, and how many tickets the whole query holds. */
  queue(query: QueueQuery): Promise<{ tickets: Ticket[]; total: number }>;
}

/** A ticket thread: where a message was posted, as `ChatMessage` names it. */
export interface ThreadKey {
  workspaceId: string;
  channelId: string;
  threadId: string;
}

export interface NewMessage {
  ticketId: string;
  message: ChatMessage;
  attachments: Attachments;
}

export interface MessageRepository {
  /**
   * Adds messages to tickets' histories in one go. Answers, in order, whether each was new: false
   * when the ticket already had it (same platform id), or it came earlier in this same list.
   */
  add(messages: readonly NewMessage[]): Promise<boolean[]>;
  history(ticketId: string, limit: number): Promise<StoredMessage[]>;
  count(ticketId: string): Promise<number>;
}

/** The audit trail (audit-events.ts says what each entry holds). */
export interface EventRepository {
  add<T extends AuditEventType>(ticketId: string, actorId: string | null, type: T, data: AuditEventData[T], at: Date): Promise<void>;
  /** The ticket's entries, oldest first. */
  list(ticketId: string): Promise<StoredAuditEvent[]>;
}

export interface OutboxPort {
  enqueue(post: OutboundPost, availableAt: Date): Promise<void>;
  /** Many posts in one statement (the sweep enqueues hundreds at a time). */
  enqueueMany(posts: readonly OutboundPost[], availableAt: Date): Promise<void>;
}

export interface UserPreference {
  locale: Locale | null;
  detectedLocale: Locale | null;
}

export interface PreferenceRepository {
  get(workspaceId: string, userId: string): Promise<UserPreference>;
  /** Several people at once, keyed `workspaceId userId`; people with no row are absent. */
  getMany(people: readonly { workspaceId: string; userId: string }[]): Promise<Map<string, UserPreference>>;
  setLocale(workspaceId: string, userId: string, locale: Locale): Promise<void>;
  /** The platform's locale for the person (Slack profile, Teams activity), remembered as a fallback. */
  setDetectedLocale(workspaceId: string, userId: string, locale: Locale | null): Promise<void>;
}

/** A ticket the sweep claimed: the fields it decides on. */
export type SweepTicket = Pick<Ticket, 'id' | 'workspaceId' | 'platform' | 'number' | 'title' | 'requesterId' | 'assigneeId' | 'pendingSince' | 'createdAt'>;

/** A Pending ticket with a reminder due, and how many reminder steps its Pending period has had. */
export type DueReminder = SweepTicket & { reminderStepsSent: number };

/**
 * The sweep's indexed queries. Every `claim…` locks the rows it returns until the transaction
 * ends and skips rows another instance holds (FOR UPDATE SKIP LOCKED); every `mark…` is
 * conditional, so it answers false when the step was already taken.
 */
export interface SweepRepository {
  /** Pending tickets with a reminder step due: pendingSince + steps[reminderStepsSent] <= now. */
  claimDueReminders(now: Date, steps: readonly number[], limit: number): Promise<DueReminder[]>;
  /** Marks steps sent for many tickets at once; answers the ids whose mark took (steps still at `from`). */
  markRemindersSent(marks: readonly { ticketId: string; from: number; to: number }[]): Promise<Set<string>>;
  /** Pending tickets with no activity (and no new Pending period) since `idleSince`. */
  claimIdlePending(idleSince: Date, limit: number): Promise<SweepTicket[]>;
  /** Open tickets created before `createdBefore` with no agent response and no alert yet. */
  claimSlaDue(createdBefore: Date, limit: number): Promise<SweepTicket[]>;
  /** Answers the ids that were still un-alerted and are now marked. */
  markSlaAlerted(ticketIds: readonly string[], at: Date): Promise<Set<string>>;
}

/** Everything a use case may touch (adapters' own records are in platform-records.ts); inside `transaction` all of it commits or rolls back together. */
export interface Repositories {
  tickets: TicketRepository;
  messages: MessageRepository;
  events: EventRepository;
  outbox: OutboxPort;
  preferences: PreferenceRepository;
  /** A message received from a platform with no history API joins the log with its ticket history (ingestMessage). */
  conversations: Pick<ConversationLog, 'record'>;
  sweep: SweepRepository;
  queries: TicketQueries;
  /** Web ticket area sign-in: login links and sessions. */
  web: WebSignInRepository;
  /** E-mail: the Message-IDs received and sent, and the files received. */
  mailRecords: MailRecordRepository;
  mailFiles: MailFileRepository;
}

export interface Store extends Repositories {
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

export interface CoreSettings {
  defaultLocale: Locale;
  /** Milliseconds after a ticket goes Pending at which the requester is reminded, ascending. */
  reminderSteps: number[];
  autoCloseAfterMs: number;
  firstResponseSlaMs: number;
  /** PUBLIC_URL: the base of every link Chamado gives out (web sign-in). */
  publicUrl?: string;
  /**
   * The platforms with a triage channel (SLACK_TRIAGE_CHANNEL), where new tickets and unassigned
   * nudges are announced; absent: every platform's are enqueued and its deliverer decides.
   */
  triagePlatforms?: readonly Platform[];
}

/** Whether announcements for the triage channel are owed on this platform (see CoreSettings.triagePlatforms). */
export const hasTriage = (settings: CoreSettings, platform: Platform): boolean => !settings.triagePlatforms || settings.triagePlatforms.includes(platform);

export interface CoreDeps {
  store: Store;
  clock: Clock;
  settings: CoreSettings;
}

export type { Priority };
