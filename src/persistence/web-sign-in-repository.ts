import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LoginGrant, NewLoginToken, NewWebSession, Platform, SessionSecrets, WebSession, WebSignInRepository } from '../core';

/** 256 random bits, URL-safe: a link token, a session cookie, a CSRF token. */
const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps instead of a secret. */
const hashOf = (secret: string): string => createHash('sha256').update(secret, 'utf8').digest('hex');

interface PersonRow {
  workspace_id: string;
  platform: Platform;
  user_id: string;
  time_zone: string | null;
}

const person = (r: PersonRow) => ({ workspaceId: r.workspace_id, platform: r.platform, userId: r.user_id, timeZone: r.time_zone });

/** web_login_tokens and web_sessions: secrets are made here and stored only as their sha256 (contract §9). */
export class TypeormWebSignInRepository implements WebSignInRepository {
  constructor(private readonly em: EntityManager) {}

  async linksSince(workspaceId: string, userId: string, since: Date): Promise<number> {
    const rows: { n: number }[] = await this.em.query(
      'SELECT count(*)::int AS n FROM web_login_tokens WHERE workspace_id = $1 AND user_id = $2 AND created_at > $3',
      [workspaceId, userId, since],
    );
    return rows[0]?.n ?? 0;
  }

  async addLoginToken(t: NewLoginToken): Promise<string> {
    const token = newSecret();
    await this.em.query(
      `INSERT INTO web_login_tokens (token_hash, workspace_id, platform, user_id, ticket_number, time_zone, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [hashOf(token), t.workspaceId, t.platform, t.userId, t.ticketNumber, t.timeZone, t.createdAt, t.expiresAt],
    );
    return token;
  }

  async useLoginToken(token: string, now: Date): Promise<LoginGrant | null> {
    // One statement: two instances opening the same link at once cannot both win.
    const [rows]: [(PersonRow & { ticket_number: number | null })[], number] = await this.em.query(
      `UPDATE web_login_tokens SET used_at = $2
       WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2
       RETURNING workspace_id, platform, user_id, time_zone, ticket_number`,
      [hashOf(token), now],
    );
    const row = rows[0];
    return row ? { ...person(row), ticketNumber: row.ticket_number } : null;
  }

  async addSession(s: NewWebSession): Promise<SessionSecrets> {
    const secrets = { cookie: newSecret(), csrfToken: newSecret() };
    await this.em.query(
      `INSERT INTO web_sessions (session_hash, csrf_token, workspace_id, platform, user_id, time_zone, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [hashOf(secrets.cookie), secrets.csrfToken, s.workspaceId, s.platform, s.userId, s.timeZone, s.createdAt, s.expiresAt],
    );
    return secrets;
  }

  async session(cookie: string, now: Date): Promise<WebSession | null> {
    const rows: (PersonRow & { csrf_token: string; expires_at: Date })[] = await this.em.query(
      'SELECT workspace_id, platform, user_id, time_zone, csrf_token, expires_at FROM web_sessions WHERE session_hash = $1 AND expires_at > $2',
      [hashOf(cookie), now],
    );
    const row = rows[0];
    return row ? { ...person(row), csrfToken: row.csrf_token, expiresAt: row.expires_at } : null;
  }

  async endSession(cookie: string): Promise<void> {
    await this.em.query('DELETE FROM web_sessions WHERE session_hash = $1', [hashOf(cookie)]);
  }

  async purge(now: Date, limit: number): Promise<{ sessions: number; tokens: number }> {
    // Bounded deletes through the expiry indexes (web_sessions_expires, web_login_tokens_expires).
    const [, sessions]: [unknown, number] = await this.em.query(
      `DELETE FROM web_sessions WHERE session_hash IN (SELECT session_hash FROM web_sessions WHERE expires_at <= $1 LIMIT $2)`, [now, limit],
    );
    const [, tokens]: [unknown, number] = await this.em.query(
      `DELETE FROM web_login_tokens WHERE token_hash IN (SELECT token_hash FROM web_login_tokens WHERE expires_at <= $1 LIMIT $2)`, [now, limit],
    );
    return { sessions, tokens };
  }
}
