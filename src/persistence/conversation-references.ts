import type { EntityManager } from 'typeorm';
import type { ConversationReferences } from '../core';

/** `conversation_references`: one row per conversation, so any instance can post into it proactively. */
export class TypeormConversationReferences implements ConversationReferences {
  constructor(private readonly em: EntityManager) {}

  async save(workspaceId: string, conversationId: string, reference: object): Promise<void> {
    await this.em.query(
      `INSERT INTO conversation_references (workspace_id, conversation_id, reference, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (workspace_id, conversation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()
       WHERE conversation_references.reference IS DISTINCT FROM EXCLUDED.reference`,
      [workspaceId, conversationId, JSON.stringify(reference)],
    );
  }

  async find(workspaceId: string, conversationId: string): Promise<unknown> {
    const rows: { reference: unknown }[] = await this.em.query(
      'SELECT reference FROM conversation_references WHERE workspace_id = $1 AND conversation_id = $2',
      [workspaceId, conversationId],
    );
    return rows[0]?.reference ?? null;
  }

  async workspaceOf(conversationId: string): Promise<string | null> {
    const rows: { workspace_id: string }[] = await this.em.query(
      'SELECT workspace_id FROM conversation_references WHERE conversation_id = $1 ORDER BY updated_at DESC LIMIT 1',
      [conversationId],
    );
    return rows[0]?.workspace_id ?? null;
  }
}
