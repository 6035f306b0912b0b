import type { EntityManager } from 'typeorm';
import type { Locale, PreferenceRepository, UserPreference } from '../core';
import { UserPreferenceEntity } from './entities';

export class TypeormPreferenceRepository implements PreferenceRepository {
  constructor(private readonly em: EntityManager) {}

  async get(workspaceId: string, userId: string): Promise<UserPreference> {
    const row = await this.em.getRepository(UserPreferenceEntity).findOneBy({ workspaceId, userId });
    return { locale: row?.locale ?? null, detectedLocale: row?.detectedLocale ?? null };
  }

  async getMany(people: readonly { workspaceId: string; userId: string }[]): Promise<Map<string, UserPreference>> {
    if (people.length === 0) return new Map();
    const rows: { workspace_id: string; user_id: string; locale: Locale | null; detected_locale: Locale | null }[] = await this.em.query(
      `SELECT p.workspace_id, p.user_id, p.locale, p.detected_locale
       FROM user_preferences p JOIN unnest($1::text[], $2::text[]) AS k(w, u) ON p.workspace_id = k.w AND p.user_id = k.u`,
      [people.map((p) => p.workspaceId), people.map((p) => p.userId)],
    );
    return new Map(rows.map((r) => [`${r.workspace_id} ${r.user_id}`, { locale: r.locale, detectedLocale: r.detected_locale }]));
  }

  async setLocale(workspaceId: string, userId: string, locale: Locale): Promise<void> {
    await this.em.getRepository(UserPreferenceEntity).upsert({ workspaceId, userId, locale, updatedAt: new Date() }, ['workspaceId', 'userId']);
  }

  async setDetectedLocale(workspaceId: string, userId: string, detectedLocale: Locale | null): Promise<void> {
    await this.em.getRepository(UserPreferenceEntity).upsert({ workspaceId, userId, detectedLocale, updatedAt: new Date() }, ['workspaceId', 'userId']);
  }
}
