import type { ConversationReference } from 'botbuilder';
import type { DataSource } from 'typeorm';

/** What we keep about a Teams conversation so Chamado can post into it later, after restarts too. */
export interface StoredConversation {
  reference: Partial<ConversationReference>;
  /** The Teams channel id (channelData.channel.id) when the conversation is a channel. */
  teamsChannelId: string | null;
  conversationType: string | null;
}

export interface Person {
  id: string;
  name: string;
}

/**
 * Teams-only state in Postgres: conversation references (table conversation_references) and
 * display names (table teams_people). Instances share it, so any of them can post proactively.
 */
export class TeamsStorage {
  constructor(private readonly db: DataSource) {}

  async saveConversation(workspaceId: string, conversationId: string, stored: StoredConversation): Promise<void> {
    await this.db.query(
      `INSERT INTO conversation_references (workspace_id, conversation_id, reference, updated_at) VALUES ($1, $2, $3, now())
       ON CONFLICT (workspace_id, conversation_id) DO UPDATE SET reference = EXCLUDED.reference, updated_at = now()
       WHERE conversation_references.reference IS DISTINCT FROM EXCLUDED.reference`,
      [workspaceId, conversationId, JSON.stringify(stored)],
    );
  }

  async conversation(workspaceId: string, conversationId: string): Promise<StoredConversation | null> {
    const rows: { reference: StoredConversation }[] = await this.db.query(
      'SELECT reference FROM conversation_references WHERE workspace_id = $1 AND conversation_id = $2',
      [workspaceId, conversationId],
    );
    return rows[0]?.reference ?? null;
  }

  async rememberPeople(workspaceId: string, people: readonly Person[]): Promise<void> {
    const known = people.filter((p) => p.id && p.name);
    if (known.length === 0) return;
    await this.db.query(
      `INSERT INTO teams_people (workspace_id, user_id, name, updated_at)
       SELECT $1, u.id, u.name, now() FROM jsonb_to_recordset($2::jsonb) AS u(id text, name text)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
       WHERE teams_people.name <> EXCLUDED.name`,
      [workspaceId, JSON.stringify(dedupe(known))],
    );
  }

  /** Names by user id; an id never seen maps to itself. */
  async namesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    const names = new Map(unique.map((id) => [id, id]));
    if (unique.length === 0) return names;
    const rows: { user_id: string; name: string }[] = await this.db.query(
      'SELECT user_id, name FROM teams_people WHERE workspace_id = $1 AND user_id = ANY($2)',
      [workspaceId, unique],
    );
    for (const row of rows) names.set(row.user_id, row.name);
    return names;
  }
}

function dedupe(people: readonly Person[]): Person[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}
