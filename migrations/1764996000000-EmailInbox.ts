import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail is accepted by keeping it raw (src/persistence/mail-inbox.ts): one insert before the SMTP
 * 250 / HTTP 202, no ticket number taken, so intake is not serial behind the workspace's counter.
 * A worker opens or joins tickets from here and deletes the row. `locked_by`/`locked_until` is the
 * lease of the instance working a row; a row whose lease ran out is taken by any instance.
 * `message_id` is unique, so the same mail is kept once even before it is received.
 */
export class EmailInbox1764996000000 implements MigrationInterface {
  name = 'EmailInbox1764996000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE email_inbox (
      id bigserial PRIMARY KEY,
      message_id text NOT NULL UNIQUE,
      raw bytea NOT NULL,
      mail_from text NULL,
      rcpt_to text[] NOT NULL DEFAULT '{}',
      received_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      available_at timestamptz NOT NULL DEFAULT now(),
      locked_by text NULL,
      locked_until timestamptz NULL,
      last_error text NULL,
      dead_at timestamptz NULL
    )`);
    await q.query(`CREATE INDEX email_inbox_due ON email_inbox (available_at, id) WHERE dead_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_inbox`);
  }
}
