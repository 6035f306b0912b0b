import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every committed outbox insert notifies `chamado_outbox`, so idle delivery workers wake at once
 * instead of at their next poll. One notification per statement: Postgres folds identical
 * notifications of a transaction into one, so a use case's several posts cost one wake-up.
 */
export class OutboxWakeUp1764400000000 implements MigrationInterface {
  name = 'OutboxWakeUp1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION chamado_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('chamado_outbox', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION chamado_outbox_notify()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER IF EXISTS outbox_notify ON outbox`);
    await q.query(`DROP FUNCTION IF EXISTS chamado_outbox_notify()`);
  }
}
