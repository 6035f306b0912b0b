import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The public tables of contract §7 plus what the bot needs to run: counters, preferences, logs, outbox. */
export class InitialSchema1764057600000 implements MigrationInterface {
  name = 'InitialSchema1764057600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE workspace_counters (
      workspace_id text PRIMARY KEY,
      last_number integer NOT NULL DEFAULT 0
    )`);
    await q.query(`CREATE TABLE tickets (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      workspace_id text NOT NULL,
      platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
      number integer NOT NULL,
      title text NOT NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'pending', 'closed')),
      priority text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high', 'urgent')),
      requester_id text NOT NULL,
      assignee_id text,
      follow_up_of uuid REFERENCES tickets(id) ON DELETE SET NULL,
      channel_id text NOT NULL,
      thread_id text,
      source_channel_id text,
      source_thread_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      closed_at timestamptz,
      close_reason text,
      pending_since timestamptz,
      last_activity_at timestamptz NOT NULL DEFAULT now(),
      last_customer_activity_at timestamptz,
      first_response_at timestamptz,
      reminder_steps_sent integer NOT NULL DEFAULT 0,
      sla_alerted_at timestamptz,
      CONSTRAINT tickets_workspace_number UNIQUE (workspace_id, number)
    )`);
    await q.query(`CREATE INDEX tickets_thread ON tickets (workspace_id, channel_id, thread_id) WHERE thread_id IS NOT NULL`);
    await q.query(`CREATE INDEX tickets_unassigned ON tickets (workspace_id, created_at DESC) WHERE status = 'open' AND assignee_id IS NULL`);
    await q.query(`CREATE INDEX tickets_pending_due ON tickets (pending_since) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX tickets_sla_due ON tickets (created_at) WHERE status = 'open' AND first_response_at IS NULL AND sla_alerted_at IS NULL`);
    await q.query(`CREATE INDEX tickets_follow_up_of ON tickets (follow_up_of) WHERE follow_up_of IS NOT NULL`);

    await q.query(`CREATE TABLE ticket_participants (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      user_id text NOT NULL,
      role text NOT NULL CHECK (role IN ('requester', 'assignee', 'cc')),
      workspace_id text NOT NULL,
      added_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, user_id, role)
    )`);
    await q.query(`CREATE INDEX ticket_participants_user ON ticket_participants (workspace_id, user_id, ticket_id)`);

    await q.query(`CREATE TABLE ticket_messages (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      platform_message_id text NOT NULL,
      author_id text NOT NULL,
      text text NOT NULL,
      attachments jsonb NOT NULL DEFAULT '{"files": [], "links": []}',
      posted_at timestamptz NOT NULL,
      CONSTRAINT ticket_messages_once UNIQUE (ticket_id, platform_message_id)
    )`);
    await q.query(`CREATE INDEX ticket_messages_history ON ticket_messages (ticket_id, posted_at DESC)`);

    await q.query(`CREATE TABLE ticket_events (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      actor_id text,
      type text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX ticket_events_ticket ON ticket_events (ticket_id, id)`);

    await q.query(`CREATE TABLE user_preferences (
      workspace_id text NOT NULL,
      user_id text NOT NULL,
      locale text CHECK (locale IN ('en', 'pt-BR')),
      detected_locale text CHECK (detected_locale IN ('en', 'pt-BR')),
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, user_id)
    )`);

    await q.query(`CREATE TABLE conversation_messages (
      workspace_id text NOT NULL,
      platform text NOT NULL,
      channel_id text NOT NULL,
      message_id text NOT NULL,
      thread_id text,
      author_id text NOT NULL,
      text text NOT NULL,
      files jsonb NOT NULL DEFAULT '[]',
      posted_at timestamptz NOT NULL,
      PRIMARY KEY (workspace_id, channel_id, message_id)
    )`);
    await q.query(`CREATE INDEX conversation_messages_thread ON conversation_messages (workspace_id, channel_id, (coalesce(thread_id, message_id)), posted_at)`);

    await q.query(`CREATE TABLE processed_events (
      event_id text PRIMARY KEY,
      received_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX processed_events_age ON processed_events (received_at)`);

    await q.query(`CREATE TABLE conversation_references (
      workspace_id text NOT NULL,
      conversation_id text NOT NULL,
      reference jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (workspace_id, conversation_id)
    )`);

    await q.query(`CREATE TABLE outbox (
      id bigserial PRIMARY KEY,
      workspace_id text NOT NULL,
      platform text NOT NULL,
      ordering_key text NOT NULL,
      ticket_number integer,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead', 'skipped')),
      attempts integer NOT NULL DEFAULT 0,
      available_at timestamptz NOT NULL DEFAULT now(),
      locked_by text,
      locked_until timestamptz,
      last_error text,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      sent_at timestamptz
    )`);
    await q.query(`CREATE INDEX outbox_due ON outbox (available_at, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_ordering ON outbox (ordering_key, id) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX outbox_dead ON outbox (created_at) WHERE status = 'dead'`);
  }

  async down(q: QueryRunner): Promise<void> {
    const tables = ['outbox', 'conversation_references', 'processed_events', 'conversation_messages', 'user_preferences', 'ticket_events', 'ticket_messages',
      'ticket_participants', 'tickets', 'workspace_counters'];
    for (const table of tables) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
