import type { EntityManager } from 'typeorm';
import type { PeopleNames, PersonName } from '../core';

/** `teams_people`: display names by workspace and user id. */
export class TypeormPeopleNames implements PeopleNames {
  constructor(private readonly em: EntityManager) {}

  async remember(workspaceId: string, people: readonly PersonName[]): Promise<void> {
    const known = people.filter((p) => p.id && p.name);
    if (known.length === 0) return;
    await this.em.query(
      `INSERT INTO teams_people (workspace_id, user_id, name, updated_at)
       SELECT $1, u.id, u.name, now() FROM jsonb_to_recordset($2::jsonb) AS u(id text, name text)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now()
       WHERE teams_people.name <> EXCLUDED.name`,
      [workspaceId, JSON.stringify([...new Map(known.map((p) => [p.id, p])).values()])],
    );
  }

  async namesOf(workspaceId: string, ids: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids.filter(Boolean))];
    const names = new Map(unique.map((id) => [id, id]));
    if (unique.length === 0) return names;
    const rows: { user_id: string; name: string }[] = await this.em.query(
      'SELECT user_id, name FROM teams_people WHERE workspace_id = $1 AND user_id = ANY($2)',
      [workspaceId, unique],
    );
    for (const row of rows) names.set(row.user_id, row.name);
    return names;
  }
}
