import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Display names the Teams adapter has seen, so proactive posts can @mention people by name. */
export class TeamsPeople1764300000000 implements MigrationInterface {
  name = 'TeamsPeople1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE teams_people (
      workspace_id text NOT NULL,
      user_id text NOT NULL,
      name text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS teams_people`);
  }
}
