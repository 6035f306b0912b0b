import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * E-mail (contract §10): every Message-ID we received or sent, once (de-duplication, and the
 * `In-Reply-To` of a reply finds its ticket); the files of received mail, in Postgres so every
 * instance serves them; and the instance-independent secrets (the key that signs reply tags).
 */
export class Email1764980000000 implements MigrationInterface {
  name = 'Email1764980000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE email_messages (
      message_id text PRIMARY KEY,
      ticket_id uuid REFERENCES tickets(id) ON DELETE CASCADE,
      direction text NOT NULL CHECK (direction IN ('in', 'out')),
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Outbound mail chains its References to the ticket's earlier messages.
    await q.query(`CREATE INDEX email_messages_ticket ON email_messages (ticket_id, created_at) WHERE ticket_id IS NOT NULL`);
    await q.query(`CREATE TABLE email_files (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      name text NOT NULL,
      type text,
      size integer NOT NULL,
      content bytea NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX email_files_ticket ON email_files (ticket_id)`);
    await q.query(`CREATE TABLE app_secrets (
      name text PRIMARY KEY,
      value text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS app_secrets`);
    await q.query(`DROP TABLE IF EXISTS email_files`);
    await q.query(`DROP TABLE IF EXISTS email_messages`);
  }
}
