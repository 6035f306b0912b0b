import { In, type EntityManager } from 'typeorm';
import type { ChatMessage, ConversationLog, Platform } from '../core';
import { ConversationMessageEntity, type ConversationMessageRow } from './entities/conversation-message.entity';

const toMessage = (r: ConversationMessageRow): ChatMessage => ({
  id: r.messageId,
  channelId: r.channelId,
  threadId: r.threadId,
  authorId: r.authorId,
  text: r.text,
  files: r.files,
  postedAt: r.postedAt,
});

export class TypeormConversationLog implements ConversationLog {
  constructor(private readonly em: EntityManager) {}

  /** Hand-written (hot path: every message a person posts); an edit replaces the text and files. */
  async record(workspaceId: string, platform: Platform, m: ChatMessage): Promise<void> {
    await this.em.query(
      `INSERT INTO conversation_messages (workspace_id, platform, channel_id, message_id, thread_id, author_id, text, files, posted_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (workspace_id, channel_id, message_id) DO UPDATE SET text = EXCLUDED.text, files = EXCLUDED.files`,
      [workspaceId, platform, m.channelId, m.id, m.threadId, m.authorId, m.text, JSON.stringify(m.files), m.postedAt],
    );
  }

  /** The thread's root and replies, oldest first (the latest `limit` of them). */
  async thread(workspaceId: string, channelId: string, threadId: string, limit: number): Promise<ChatMessage[]> {
    const rows = await this.em
      .getRepository(ConversationMessageEntity)
      .createQueryBuilder('m')
      .where('m.workspace_id = :workspaceId AND m.channel_id = :channelId', { workspaceId, channelId })
      .andWhere('coalesce(m.thread_id, m.message_id) = :threadId', { threadId })
      .orderBy('m.posted_at', 'DESC')
      .limit(limit)
      .getMany();
    return rows.reverse().map(toMessage);
  }

  async byIds(workspaceId: string, channelId: string, ids: readonly string[]): Promise<ChatMessage[]> {
    if (ids.length === 0) return [];
    const rows = await this.em.getRepository(ConversationMessageEntity).find({ where: { workspaceId, channelId, messageId: In([...ids]) }, order: { postedAt: 'ASC' } });
    return rows.map(toMessage);
  }
}
