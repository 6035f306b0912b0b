import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search over messages within one workspace. The GIN index of 1764960000000-SearchAndQueue held
 * every workspace's messages together: an agent's search for a common word read its matches in
 * every workspace and kept only their own (the scale bench: hundreds of ms at 100,000 tickets, a
 * sequential scan of tickets in the plan). Messages now carry their ticket's workspace, and the
 * index leads with it (btree_gin), so a search reads only the workspace's own matches.
 *
 * A customer's search starts from their own tickets, or from the workspace's matches when they are
 * on many tickets; Postgres can only tell which when it knows how many tickets a person is on, so
 * ticket_participants gets statistics over (workspace_id, user_id) together: its most common
 * people (an agent, a heavy requester) are then counted as they are, not as an average person.
 *
 * The column is written by the one statement that stores messages (message-repository.ts), which
 * takes it from the ticket; existing rows get it here. It is nullable: a row written without it is
 * only left out of search.
 */
export class MessageSearchByWorkspace1764995100000 implements MigrationInterface {
  name = 'MessageSearchByWorkspace1764995100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS btree_gin`);
    const [{ own }] = await q.query(`SELECT quote_ident(current_schema()) AS own`);
    await q.query(`ALTER TABLE ticket_messages ADD COLUMN workspace_id text`);
    await q.query(`UPDATE ticket_messages m SET workspace_id = t.workspace_id FROM tickets t WHERE t.id = m.ticket_id`);
    await q.query(`DROP INDEX ticket_messages_search`);
    await q.query(`CREATE INDEX ticket_messages_search ON ticket_messages USING gin (workspace_id, ${own}.chamado_search_vector(text))`);
    await q.query(`CREATE STATISTICS ticket_participants_person (mcv) ON workspace_id, user_id FROM ticket_participants`);
    await q.query(`ANALYZE ticket_participants`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP STATISTICS IF EXISTS ticket_participants_person`);
    const [{ own }] = await q.query(`SELECT quote_ident(current_schema()) AS own`);
    await q.query(`DROP INDEX ticket_messages_search`);
    await q.query(`CREATE INDEX ticket_messages_search ON ticket_messages USING gin (${own}.chamado_search_vector(text))`);
    await q.query(`ALTER TABLE ticket_messages DROP COLUMN workspace_id`);
    // btree_gin stays: other objects in the database may use it.
  }
}
