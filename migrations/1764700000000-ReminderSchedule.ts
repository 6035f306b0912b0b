import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reminder progress moves out of `tickets` into `reminder_schedule`, one narrow row per Pending
 * ticket. Marking a step sent used to rewrite the whole ticket row and, because the step counter
 * was indexed, add an entry to five of its indexes; now it rewrites a 3-column row with two.
 * Worse, `tickets_reminder_due` competed with `tickets_pending_due` for the claim, and when the
 * planner took the latter each claim re-read every ticket already reminded, so a sweep's claims
 * grew with the number of reminders it had already sent. The schedule has one index that fits the
 * claim: no plan to get wrong.
 *
 * Triggers keep the schedule in step with the ticket in the same statement, for every writer (the
 * app, reports that fix data by hand, the bench's seeds): a ticket going Pending, or starting a new
 * Pending period (new `pending_since`), gets a row with no step sent; a ticket leaving Pending
 * loses its row.
 */
export class ReminderSchedule1764700000000 implements MigrationInterface {
  name = 'ReminderSchedule1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE reminder_schedule (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
      pending_since timestamptz NOT NULL,
      steps_sent integer NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE INDEX reminder_schedule_due ON reminder_schedule (steps_sent, pending_since)`);
    await q.query(`INSERT INTO reminder_schedule (ticket_id, pending_since, steps_sent)
      SELECT id, pending_since, reminder_steps_sent FROM tickets WHERE status = 'pending' AND pending_since IS NOT NULL`);
    await q.query(`CREATE FUNCTION reminder_schedule_follow() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.status = 'pending' AND NEW.pending_since IS NOT NULL THEN
          INSERT INTO reminder_schedule (ticket_id, pending_since) VALUES (NEW.id, NEW.pending_since)
          ON CONFLICT (ticket_id) DO UPDATE SET pending_since = EXCLUDED.pending_since, steps_sent = 0;
        ELSE
          DELETE FROM reminder_schedule WHERE ticket_id = NEW.id;
        END IF;
        RETURN NULL;
      END $$`);
    // The WHEN clauses run without calling the function, so other ticket writes cost nothing.
    await q.query(`CREATE TRIGGER tickets_reminder_schedule_insert AFTER INSERT ON tickets
      FOR EACH ROW WHEN (NEW.status = 'pending') EXECUTE FUNCTION reminder_schedule_follow()`);
    await q.query(`CREATE TRIGGER tickets_reminder_schedule_update AFTER UPDATE ON tickets
      FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.pending_since IS DISTINCT FROM NEW.pending_since)
      EXECUTE FUNCTION reminder_schedule_follow()`);
    await q.query(`DROP INDEX tickets_reminder_due`);
    await q.query(`ALTER TABLE tickets DROP COLUMN reminder_steps_sent`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ADD COLUMN reminder_steps_sent integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE tickets t SET reminder_steps_sent = s.steps_sent FROM reminder_schedule s WHERE s.ticket_id = t.id AND s.steps_sent <> 0`);
    await q.query(`CREATE INDEX tickets_reminder_due ON tickets (reminder_steps_sent, pending_since) WHERE status = 'pending'`);
    await q.query(`DROP TRIGGER tickets_reminder_schedule_update ON tickets`);
    await q.query(`DROP TRIGGER tickets_reminder_schedule_insert ON tickets`);
    await q.query(`DROP FUNCTION reminder_schedule_follow()`);
    await q.query(`DROP TABLE reminder_schedule`);
  }
}
