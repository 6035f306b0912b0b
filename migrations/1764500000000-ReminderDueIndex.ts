import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The due-reminder claim reads one index range per reminder step: Pending tickets that have had
 * exactly k reminders and went Pending long enough ago for step k+1. With only `pending_since`
 * indexed, every Pending ticket whose reminders were already sent was read and dropped again on
 * each claim, so a claim's cost grew with every Pending ticket ever reminded.
 */
export class ReminderDueIndex1764500000000 implements MigrationInterface {
  name = 'ReminderDueIndex1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tickets_reminder_due ON tickets (reminder_steps_sent, pending_since) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS tickets_reminder_due`);
  }
}
