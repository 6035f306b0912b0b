import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The (workspace_id, user_id) statistics of ticket_participants read a larger sample. With the
 * default one (30,000 rows), a requester on a thousand tickets of a million-ticket database was
 * sometimes missing from the most-common list, counted as an average person, and their search
 * took the plan meant for a few tickets: one index scan of the workspace's matches per ticket
 * (the scale bench: 365 ms for one search, 9 ms with the right count). A sample of 300,000 rows
 * finds such a person every time.
 */
export class PersonStatisticsSample1764995200000 implements MigrationInterface {
  name = 'PersonStatisticsSample1764995200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER STATISTICS ticket_participants_person SET STATISTICS 1000`);
    await q.query(`ANALYZE ticket_participants`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER STATISTICS ticket_participants_person SET STATISTICS -1`);
  }
}
