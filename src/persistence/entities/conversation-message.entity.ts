import { EntitySchema } from 'typeorm';
import type { FileRef, Platform } from '../../core';

export interface ConversationMessageRow {
  workspaceId: string;
  platform: Platform;
  channelId: string;
  messageId: string;
  threadId: string | null;
  authorId: string;
  text: string;
  files: FileRef[];
  postedAt: Date;
}

/** Channel messages the bot received, kept so a conversation can be split later. */
export const ConversationMessageEntity = new EntitySchema<ConversationMessageRow>({
  name: 'ConversationMessage',
  tableName: 'conversation_messages',
  columns: {
    workspaceId: { type: 'text', name: 'workspace_id', primary: true },
    channelId: { type: 'text', name: 'channel_id', primary: true },
    messageId: { type: 'text', name: 'message_id', primary: true },
    platform: { type: 'text' },
    threadId: { type: 'text', name: 'thread_id', nullable: true },
    authorId: { type: 'text', name: 'author_id' },
    text: { type: 'text' },
    files: { type: 'jsonb', default: () => "'[]'" },
    postedAt: { type: 'timestamptz', name: 'posted_at' },
  },
  // An expression index (coalesce(thread_id, message_id)), which entity metadata cannot describe.
  indices: [{ name: 'conversation_messages_thread', synchronize: false }],
});
