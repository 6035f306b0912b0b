import type { EntityManager } from 'typeorm';
import type { Locale, PreferenceRepository, UserPreference } from '../core';
import { UserPreferenceEntity } from './entities';

export class TypeormPreferenceRepository implements PreferenceRepository {
  constructor(private readonly em: EntityManager) {}

  async get(workspaceId: string, userId: string): Promise<UserPreference> {
    const row = await this.em.getRepository(UserPreferenceEntity).findOneBy({ workspaceId, userId });
    return { locale: row?.locale ?? null, detectedLocale: row?.detectedLocale ?? null };
  }

  async setLocale(workspaceId: string, userId: string, locale: Locale): Promise<void> {
    await this.em.getRepository(UserPreferenceEntity).upsert({ workspaceId, userId, locale, updatedAt: new Date() }, ['workspaceId', 'userId']);
  }

  async setDetectedLocale(workspaceId: string, userId: string, detectedLocale: Locale | null): Promise<void> {
    await this.em.getRepository(UserPreferenceEntity).upsert({ workspaceId, userId, detectedLocale, updatedAt: new Date() }, ['workspaceId', 'userId']);
  }
}
