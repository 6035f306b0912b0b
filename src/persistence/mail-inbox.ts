import type { EntityManager } from 'typeorm';
import type { KeptMail, MailInbox } from '../core';
import { returnedRows } from './returning';

interface KeptRow {
  id: string;
  message_id: string;
  raw: Buffer;
  mail_from: string | null;
  rcpt_to: string[];
  attempts: number;
}

const toKept = (r: KeptRow): KeptMail => ({
  id: String(r.id), messageId: r.message_id, raw: r.raw, mailFrom: r.mail_from, rcptTo: r.rcpt_to, attempts: r.attempts,
});

/**
 * `$1` message id, `$2` raw, `$3` MAIL FROM, `$4` RCPT TO, `$5` holder or null, `$6` lease ms. A mail
 * already received (email_messages) or already kept is not kept again: no row comes back.
 */
export const KEEP_MAIL = `INSERT INTO email_inbox (message_id, raw, mail_from, rcpt_to, locked_by, locked_until)
  SELECT $1, $2, $3, $4, $5::text, CASE WHEN $5::text IS NULL THEN NULL ELSE now() + make_interval(secs => $6::float8 / 1000) END
  WHERE NOT EXISTS (SELECT 1 FROM email_messages WHERE message_id = $1)
  ON CONFLICT (message_id) DO NOTHING
  RETURNING id`;

/** Due rows in `email_inbox_due` order; `$1` holder, `$2` limit, `$3` lease ms. */
export const CLAIM_MAIL = `UPDATE email_inbox i SET locked_by = $1, locked_until = now() + make_interval(secs => $3::float8 / 1000)
  WHERE i.id IN (
    SELECT c.id FROM email_inbox c
    WHERE c.dead_at IS NULL AND c.available_at <= now() AND (c.locked_until IS NULL OR c.locked_until < now())
    ORDER BY c.available_at, c.id
    LIMIT $2
    FOR UPDATE SKIP LOCKED
  )
  RETURNING i.id, i.message_id, i.raw, i.mail_from, i.rcpt_to, i.attempts`;

/** `email_inbox`: mail accepted but not yet in a ticket. */
export class TypeormMailInbox implements MailInbox {
  constructor(private readonly em: EntityManager) {}

  async keep(mail: Omit<KeptMail, 'id' | 'attempts'>, holder: string | null, leaseMs: number): Promise<string | null> {
    const rows: { id: string }[] = await this.em.query(KEEP_MAIL, [mail.messageId, mail.raw, mail.mailFrom, mail.rcptTo, holder, leaseMs]);
    return rows.length === 1 ? String(rows[0].id) : null;
  }

  async claim(holder: string, limit: number, leaseMs: number): Promise<KeptMail[]> {
    return returnedRows<KeptRow>(await this.em.query(CLAIM_MAIL, [holder, limit, leaseMs])).map(toKept);
  }

  async done(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.em.query('DELETE FROM email_inbox WHERE id = ANY($1::bigint[])', [ids]);
  }

  async later(id: string, error: string, at: Date): Promise<void> {
    await this.em.query(
      'UPDATE email_inbox SET attempts = attempts + 1, last_error = $2, available_at = $3, locked_by = NULL, locked_until = NULL WHERE id = $1',
      [id, error.slice(0, 2000), at],
    );
  }

  async bury(id: string, error: string): Promise<void> {
    await this.em.query('UPDATE email_inbox SET attempts = attempts + 1, last_error = $2, dead_at = now(), locked_by = NULL, locked_until = NULL WHERE id = $1', [
      id, error.slice(0, 2000),
    ]);
  }

  async release(holder: string, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.em.query('UPDATE email_inbox SET locked_by = NULL, locked_until = NULL WHERE id = ANY($1::bigint[]) AND locked_by = $2', [ids, holder]);
  }
}
