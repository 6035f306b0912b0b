import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The scheduler purges spent sign-in links (src/persistence/web-sign-in-repository.ts `purge`): it
 * finds them by their expiry, so that reads an index instead of the whole table. (web_sessions
 * already has web_sessions_expires.)
 */
export class WebSignInPurge1764995000000 implements MigrationInterface {
  name = 'WebSignInPurge1764995000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX web_login_tokens_expires ON web_login_tokens (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS web_login_tokens_expires`);
  }
}
