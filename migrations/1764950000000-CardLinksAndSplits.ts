import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `tickets.card_url`: a link to the ticket's card (Slack permalink, Teams deep link), stored once
 * when the card is posted, so every `#n` Chamado writes can point at it.
 *
 * `conversation_splits`: which tickets a thread was split into, so a later message in that thread
 * can be answered with where each problem continues (it joins no ticket by itself).
 */
export class CardLinksAndSplits1764950000000 implements MigrationInterface {
  name = 'CardLinksAndSplits1764950000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ADD COLUMN card_url text`);
    await q.query(`CREATE TABLE conversation_splits (
      workspace_id text NOT NULL,
      channel_id text NOT NULL,
      thread_id text NOT NULL,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      PRIMARY KEY (workspace_id, channel_id, thread_id, ticket_id)
    )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE conversation_splits`);
    await q.query(`ALTER TABLE tickets DROP COLUMN card_url`);
  }
}
