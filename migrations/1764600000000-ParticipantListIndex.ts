import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * "My tickets" keeps the newest 25 of a person's tickets in a given status. With only the ticket
 * ids in `ticket_participants`, Postgres looked up every ticket the person is on to learn its
 * status and age, so the heaviest users' lists grew with every ticket they were ever on. Each
 * participant row now carries its ticket's status, age and number, kept in step by the ticket
 * save, so the index alone answers which 25.
 */
export class ParticipantListIndex1764600000000 implements MigrationInterface {
  name = 'ParticipantListIndex1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_participants ADD COLUMN ticket_status text, ADD COLUMN ticket_created_at timestamptz, ADD COLUMN ticket_number integer`);
    await q.query(`UPDATE ticket_participants p SET ticket_status = t.status, ticket_created_at = t.created_at, ticket_number = t.number FROM tickets t WHERE t.id = p.ticket_id`);
    await q.query(`ALTER TABLE ticket_participants ALTER COLUMN ticket_status SET NOT NULL, ALTER COLUMN ticket_created_at SET NOT NULL, ALTER COLUMN ticket_number SET NOT NULL`);
    await q.query(`DROP INDEX ticket_participants_user`);
    await q.query(`CREATE INDEX ticket_participants_user ON ticket_participants (workspace_id, user_id, ticket_status, ticket_created_at, ticket_number, ticket_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX ticket_participants_user`);
    await q.query(`CREATE INDEX ticket_participants_user ON ticket_participants (workspace_id, user_id, ticket_id)`);
    await q.query(`ALTER TABLE ticket_participants DROP COLUMN ticket_status, DROP COLUMN ticket_created_at, DROP COLUMN ticket_number`);
  }
}
