import type { EntityManager } from 'typeorm';
import type { MailDirection, MailRecordRepository } from '../core';

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
}
