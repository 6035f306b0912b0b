import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The web ticket area's sign-in (contract §9): single-use login links and sessions. Both keep only
 * the sha256 of their secret, so a copy of the database opens no session.
 */
export class WebSignIn1764970000000 implements MigrationInterface {
  name = 'WebSignIn1764970000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE web_login_tokens (
      token_hash text PRIMARY KEY,
      workspace_id text NOT NULL,
      platform text NOT NULL,
      user_id text NOT NULL,
      ticket_number integer,
      time_zone text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL,
      used_at timestamptz
    )`);
    // The per-person rate limit counts a person's recent links.
    await q.query(`CREATE INDEX web_login_tokens_person ON web_login_tokens (workspace_id, user_id, created_at)`);
    await q.query(`CREATE TABLE web_sessions (
      session_hash text PRIMARY KEY,
      csrf_token text NOT NULL,
      workspace_id text NOT NULL,
      platform text NOT NULL,
      user_id text NOT NULL,
      time_zone text,
      created_at timestamptz NOT NULL,
      expires_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX web_sessions_expires ON web_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS web_sessions`);
    await q.query(`DROP TABLE IF EXISTS web_login_tokens`);
  }
}
