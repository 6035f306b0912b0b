import { z } from 'zod';
import type { ChatMessage, FileRef } from '../core';

/** A Slack message as events, shortcuts and conversations.history/replies describe it. */
export const slackFileSchema = z.object({
  name: z.string().nullish(),
  title: z.string().nullish(),
  mimetype: z.string().nullish(),
  url_private: z.string().nullish(),
  permalink: z.string().nullish(),
  size: z.number().nullish(),
}).loose();

export const slackMessageSchema = z.object({
  ts: z.string().regex(/^\d+\.\d+$/),
  thread_ts: z.string().nullish(),
  user: z.string().nullish(),
  bot_id: z.string().nullish(),
  subtype: z.string().nullish(),
  text: z.string().nullish(),
  files: z.array(slackFileSchema).nullish(),
  reply_count: z.number().nullish(),
}).loose();

export type SlackMessage = z.infer<typeof slackMessageSchema>;

/** Subtypes that are a person saying something; the rest (joins, edits, deletions, bots) are not. */
const PERSON_SUBTYPES = new Set(['file_share', 'thread_broadcast', 'me_message']);

export function isPersonMessage(m: SlackMessage, botUserId: string): boolean {
  if (!m.user || m.bot_id || m.user === botUserId) return false;
  return !m.subtype || PERSON_SUBTYPES.has(m.subtype);
}

export const tsToDate = (ts: string) => new Date(Math.round(Number(ts) * 1000));

function fileRef(f: z.infer<typeof slackFileSchema>): FileRef | null {
  const url = f.url_private ?? f.permalink;
  if (!url) return null;
  return { name: f.name ?? f.title ?? 'file', type: f.mimetype ?? null, url, size: f.size ?? null };
}

/** The core's ChatMessage for a Slack message of a channel; a thread root's threadId is null. */
export function toChatMessage(m: SlackMessage, channelId: string): ChatMessage {
  const threadId = m.thread_ts && m.thread_ts !== m.ts ? m.thread_ts : null;
  return {
    id: m.ts,
    channelId,
    threadId,
    authorId: m.user ?? m.bot_id ?? 'unknown',
    text: m.text ?? '',
    files: (m.files ?? []).map(fileRef).filter((f): f is FileRef => f !== null),
    postedAt: tsToDate(m.ts),
  };
}

/** A ticket title from a message's text: its first non-empty line, Slack markup left as typed. */
export function titleFromText(text: string): string {
  return text.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
}
