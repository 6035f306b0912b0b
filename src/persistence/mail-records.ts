import type { EntityManager } from 'typeorm';
import type { MailDirection, MailRecordRepository, Platform } from '../core';

/** `email_messages`: every Message-ID received or sent, once. */
export class TypeormMailRecords implements MailRecordRepository {
  constructor(private readonly em: EntityManager) {}

  async note(messageId: string, direction: MailDirection, ticketId: string | null): Promise<boolean> {
    const rows: unknown[] = await this.em.query(
      `INSERT INTO email_messages (message_id, direction, ticket_id) VALUES ($1, $2, $3)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [messageId, direction, ticketId],
    );
    return rows.length === 1;
  }

  async attach(messageId: string, ticketId: string): Promise<void> {
    await this.em.query('UPDATE email_messages SET ticket_id = $2 WHERE message_id = $1', [messageId, ticketId]);
  }

  async ticketOf(messageIds: readonly string[]): Promise<string | null> {
    if (messageIds.length === 0) return null;
    const rows: { ticket_id: string }[] = await this.em.query(
      `SELECT ticket_id FROM email_messages WHERE message_id = ANY($1::text[]) AND ticket_id IS NOT NULL
       ORDER BY created_at DESC LIMIT 1`,
      [messageIds],
    );
    return rows[0]?.ticket_id ?? null;
  }

  async chainOf(ticketId: string, latest: number): Promise<string[]> {
    const rows: { message_id: string }[] = await this.em.query(
      `(SELECT message_id, created_at FROM email_messages WHERE ticket_id = $1 ORDER BY created_at ASC LIMIT 1)
       UNION
       (SELECT message_id, created_at FROM email_messages WHERE ticket_id = $1 ORDER BY created_at DESC LIMIT $2)
       ORDER BY created_at ASC`,
      [ticketId, latest],
    );
    return rows.map((r) => r.message_id);
  }

  async homeOf(personId: string): Promise<{ workspaceId: string; platform: Platform } | null> {
    // Through the workspaces (a handful) so each look-up uses ticket_participants_user, never a scan.
    const rows: { workspace_id: string; platform: Platform }[] = await this.em.query(
      `SELECT t.workspace_id, t.platform FROM workspace_counters w
       CROSS JOIN LATERAL (SELECT p.ticket_id FROM ticket_participants p WHERE p.workspace_id = w.workspace_id AND p.user_id = $1 LIMIT 1) p
       JOIN tickets t ON t.id = p.ticket_id
       LIMIT 1`,
      [personId],
    );
    return rows[0] ? { workspaceId: rows[0].workspace_id, platform: rows[0].platform } : null;
  }
}
