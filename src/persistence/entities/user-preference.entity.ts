import { EntitySchema } from 'typeorm';
import type { Locale } from '../../core';

export interface UserPreferenceRow {
  workspaceId: string;
  userId: string;
  locale: Locale | null;
  detectedLocale: Locale | null;
  updatedAt: Date;
}

/** A person's chosen language (`lang`) and the one their platform reported. */
export const UserPreferenceEntity = new EntitySchema<UserPreferenceRow>({
  name: 'UserPreference',
  tableName: 'user_preferences',
  columns: {
    workspaceId: { type: 'text', name: 'workspace_id', primary: true },
    userId: { type: 'text', name: 'user_id', primary: true },
    locale: { type: 'text', nullable: true },
    detectedLocale: { type: 'text', name: 'detected_locale', nullable: true },
    updatedAt: { type: 'timestamptz', name: 'updated_at', default: () => 'now()' },
  },
  checks: [
    { name: 'user_preferences_locale_check', expression: "locale IN ('en', 'pt-BR')" },
    { name: 'user_preferences_detected_locale_check', expression: "detected_locale IN ('en', 'pt-BR')" },
  ],
});
