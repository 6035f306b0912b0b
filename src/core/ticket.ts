/** The ticket and the words of its lifecycle (contract §3). Pure data and rules, no I/O. */
export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const STATUSES = ['open', 'pending', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const LOCALES = ['en', 'pt-BR'] as const;
export type Locale = (typeof LOCALES)[number];

export type ParticipantRole = 'requester' | 'assignee' | 'cc';

/** A file attached to a chat message, as the platform described it. */
export interface FileRef {
  name: string;
  type: string | null;
  url: string;
  size: number | null;
}

/** What `ticket_messages.attachments` holds: the files, and the links found in the text. */
export interface Attachments {
  files: FileRef[];
  links: string[];
}

/** A chat message as an adapter hands it to the core. */
export interface ChatMessage {
  /** The platform's id of the message: Slack `ts`, Teams activity id. */
  id: string;
  channelId: string;
  /** The thread root's id, or null for a top-level message. */
  threadId: string | null;
  authorId: string;
  text: string;
  files: FileRef[];
  postedAt: Date;
}

export interface Ticket {
  id: string;
  workspaceId: string;
  platform: Platform;
  number: number;
  title: string;
  status: Status;
  priority: Priority;
  requesterId: string;
  assigneeId: string | null;
  ccIds: string[];
  followUpOf: string | null;
  /** Where the ticket card lives; its thread (`threadId`, the card's id) is the ticket thread. */
  channelId: string;
  threadId: string | null;
  /** The conversation the ticket was opened from (split summaries are posted there). */
  sourceChannelId: string | null;
  sourceThreadId: string | null;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closeReason: string | null;
  pendingSince: Date | null;
  /** Last message or change made by a person (not Chamado): keeps a Pending ticket alive. */
  lastActivityAt: Date;
  lastCustomerActivityAt: Date | null;
  firstResponseAt: Date | null;
  slaAlertedAt: Date | null;
}

export interface StoredMessage {
  id: string;
  ticketId: string;
  platformMessageId: string;
  authorId: string;
  text: string;
  attachments: Attachments;
  postedAt: Date;
}

/** Who is acting: resolved by the adapter (agents from AGENTS / the agents channel). */
export interface Actor {
  workspaceId: string;
  platform: Platform;
  userId: string;
  isAgent: boolean;
  locale: Locale;
}

export const isParticipant = (t: Ticket, userId: string) =>
  t.requesterId === userId || t.assigneeId === userId || t.ccIds.includes(userId);

/** A customer sees only their own and CC'd tickets; agents see every ticket of their workspace. */
export const canSee = (t: Ticket, actor: Actor) =>
  t.workspaceId === actor.workspaceId && (actor.isAgent || isParticipant(t, actor.userId));

const URL_PATTERN = /https?:\/\/[^\s<>|"']+/g;

/** Links found in a message's text (Slack wraps them as `<url|label>`, which the pattern stops at). */
export function extractLinks(text: string): string[] {
  const links = (text.match(URL_PATTERN) ?? []).map((l) => l.replace(/[).,;:!?]+$/, ''));
  return [...new Set(links)];
}

export const attachmentsOf = (m: ChatMessage): Attachments => ({ files: m.files, links: extractLinks(m.text) });
