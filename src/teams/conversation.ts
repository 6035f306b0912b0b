import type { Activity } from 'botbuilder';
import type { ChatMessage, FileRef } from '../core';

/** The workspace of a Teams activity: its tenant (contract: `teams:<tenantId>`). */
export function workspaceOf(activity: Partial<Activity>): string {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  const tenant = channelData?.tenant?.id ?? activity.conversation?.tenantId;
  // The Bot Framework Emulator sends no tenant: one local workspace stands in for it.
  return `teams:${tenant ?? 'local'}`;
}

/** A channel thread is `<channel conversation id>;messageid=<root id>`; the core calls them channel and thread. */
export function splitConversationId(conversationId: string): { channelId: string; threadId: string | null } {
  const [channelId, ...rest] = conversationId.split(';');
  const marker = rest.find((part) => part.startsWith('messageid='));
  return { channelId, threadId: marker ? marker.slice('messageid='.length) || null : null };
}

export const threadConversationId = (channelId: string, threadId: string) => `${channelId};messageid=${threadId}`;

export const isChannel = (activity: Partial<Activity>) => activity.conversation?.conversationType === 'channel';

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", apos: "'" };

/** Teams message bodies are HTML: keep the words, line breaks and link targets, drop the markup. */
export function htmlToText(html: string): string {
  return html
    .replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_m, href: string, label: string) => (label.replace(/<[^>]+>/g, '').trim() === href ? href : `${label} (${href})`))
    .replace(/<(br|\/p|\/div|\/li)\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(nbsp|amp|lt|gt|quot|#39|apos);/g, (_m, name: string) => ENTITIES[name])
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

interface TeamsAttachment {
  contentType?: string;
  contentUrl?: string;
  name?: string;
  content?: unknown;
}

/** Files people attached; cards and inline HTML bodies are not files. */
export function filesOf(attachments: readonly TeamsAttachment[] | undefined): FileRef[] {
  return (attachments ?? [])
    .filter((a) => a.contentUrl && !a.contentType?.startsWith('application/vnd.microsoft.card') && a.contentType !== 'text/html')
    .map((a) => {
      const content = (a.content ?? {}) as { downloadUrl?: string; fileType?: string };
      return {
        name: a.name ?? a.contentUrl!.split('/').pop() ?? 'file',
        type: content.fileType ?? a.contentType ?? null,
        url: a.contentUrl!,
        size: null,
      };
    });
}

/** A received channel/chat message as the core keeps it. */
export function chatMessageOf(activity: Partial<Activity>, text: string): ChatMessage {
  const { channelId, threadId } = splitConversationId(activity.conversation!.id);
  return {
    id: activity.id ?? '',
    channelId,
    threadId: threadId && threadId !== activity.id ? threadId : null,
    authorId: activity.from?.id ?? '',
    text,
    files: filesOf(activity.attachments as TeamsAttachment[] | undefined),
    postedAt: activity.timestamp ? new Date(activity.timestamp) : new Date(),
  };
}
