import { DataSource } from 'typeorm';
import { dataSourceOptions } from '../../../src/persistence/data-source-options';
import { createEmptyDatabase } from '../../support/database';

const CONTRACT_COLUMNS: Record<string, string[]> = {
  tickets: ['id', 'number', 'title', 'status', 'priority', 'requester_id', 'assignee_id', 'follow_up_of', 'created_at', 'closed_at'],
  ticket_messages: ['id', 'ticket_id', 'author_id', 'text', 'attachments', 'posted_at'],
  ticket_participants: ['ticket_id', 'user_id', 'role'],
  ticket_events: ['id', 'ticket_id', 'actor_id', 'type', 'data', 'created_at'],
};

let db: Awaited<ReturnType<typeof createEmptyDatabase>>;
let ds: DataSource;
beforeAll(async () => {
  db = await createEmptyDatabase();
  ds = new DataSource(dataSourceOptions(db.url, { poolSize: 2 }));
  await ds.initialize();
});
afterAll(async () => {
  await ds.destroy();
  await db.drop();
});

const tables = async () =>
  (await ds.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations' ORDER BY 1`))
    .map((r: { table_name: string }) => r.table_name);

test('migrations create the contract tables and columns on an empty database', async () => {
  expect(await tables()).toEqual([]);
  await ds.runMigrations();
  const all = await tables();
  for (const [table, columns] of Object.entries(CONTRACT_COLUMNS)) {
    expect(all).toContain(table);
    const found = (await ds.query(`SELECT column_name FROM information_schema.columns WHERE table_name = $1`, [table])).map((r: { column_name: string }) => r.column_name);
    expect(found).toEqual(expect.arrayContaining(columns));
  }
  const [{ data_type }] = await ds.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'ticket_messages' AND column_name = 'attachments'`);
  expect(data_type).toBe('jsonb');
});

/** Every test but the first starts from a migrated database, whatever ran before it (runMigrations applies only what is pending). */
const migrated = () => ds.runMigrations();

test('the schema rejects values outside the contract', async () => {
  await migrated();
  await expect(ds.query(`INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id) VALUES ('w','slack',1,'t','solved','U','C')`)).rejects.toThrow(/check/i);
  await expect(ds.query(`INSERT INTO tickets (workspace_id, platform, number, title, priority, requester_id, channel_id) VALUES ('w','slack',1,'t','meh','U','C')`)).rejects.toThrow(/check/i);
});

test('the hot queries have indexes', async () => {
  await migrated();
  const indexes = (await ds.query(`SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`)).map((r: { indexname: string }) => r.indexname);
  expect(indexes).toEqual(expect.arrayContaining([
    'tickets_thread', 'tickets_pending_due', 'tickets_sla_due', 'reminder_schedule_due', 'ticket_participants_user', 'ticket_messages_history', 'outbox_due',
  ]));
});

test('every migration reverts, leaving an empty database', async () => {
  await migrated();
  while ((await ds.query(`SELECT count(*)::int AS n FROM migrations`))[0].n > 0) await ds.undoLastMigration();
  expect(await tables()).toEqual([]);
  await ds.runMigrations();
  expect((await tables()).length).toBeGreaterThanOrEqual(4);
});

const lastMigration = async (): Promise<string> => (await ds.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`))[0].name;

/** Undoes migrations until `name` is the last one applied. */
async function revertTo(name: string): Promise<void> {
  while ((await lastMigration()) !== name) await ds.undoLastMigration();
}

test('ParticipantListIndex copies each ticket’s status, age and number onto the participant rows already there', async () => {
  await migrated();
  await revertTo('ReminderDueIndex1764500000000');
  const [ticket] = await ds.query(`INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, created_at)
    VALUES ('slack:TM', 'slack', 7, 'Old one', 'pending', 'U_OLD', 'C1', '2025-03-04T05:06:07Z') RETURNING id`);
  await ds.query(
    `INSERT INTO ticket_participants (ticket_id, user_id, role, workspace_id) VALUES ($1, 'U_OLD', 'requester', 'slack:TM'), ($1, 'U_CC', 'cc', 'slack:TM')`,
    [ticket.id],
  );
  await ds.runMigrations();
  const rows = await ds.query(`SELECT user_id, ticket_status, ticket_created_at, ticket_number FROM ticket_participants WHERE ticket_id = $1 ORDER BY user_id`, [ticket.id]);
  expect(rows).toEqual([
    { user_id: 'U_CC', ticket_status: 'pending', ticket_created_at: new Date('2025-03-04T05:06:07Z'), ticket_number: 7 },
    { user_id: 'U_OLD', ticket_status: 'pending', ticket_created_at: new Date('2025-03-04T05:06:07Z'), ticket_number: 7 },
  ]);
});

test('ReminderSchedule keeps the steps already sent of every Pending ticket, and its revert puts them back', async () => {
  await migrated();
  await revertTo('ParticipantListIndex1764600000000');
  const insert = (number: number, status: string, pendingSince: string | null, steps: number) => ds.query(
    `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, pending_since, reminder_steps_sent)
     VALUES ('slack:TR', 'slack', $1, 'Old', $2, 'U_OLD', 'C1', $3, $4) RETURNING id`,
    [number, status, pendingSince, steps],
  ).then((rows: { id: string }[]) => rows[0].id);
  const waiting = await insert(1, 'pending', '2025-03-04T05:06:07Z', 1);
  const fresh = await insert(2, 'pending', '2025-03-05T00:00:00Z', 0);
  const open = await insert(3, 'open', null, 0);
  await ds.runMigrations();
  expect(await ds.query(`SELECT ticket_id, pending_since, steps_sent FROM reminder_schedule WHERE ticket_id = ANY($1) ORDER BY pending_since`, [[waiting, fresh, open]])).toEqual([
    { ticket_id: waiting, pending_since: new Date('2025-03-04T05:06:07Z'), steps_sent: 1 },
    { ticket_id: fresh, pending_since: new Date('2025-03-05T00:00:00Z'), steps_sent: 0 },
  ]);
  // Later migrations are undone first; ReminderSchedule's own revert is the one under test.
  await revertTo('ParticipantListIndex1764600000000');
  expect(await ds.query(`SELECT reminder_steps_sent FROM tickets WHERE id = ANY($1) ORDER BY number`, [[waiting, fresh, open]])).toEqual(
    [{ reminder_steps_sent: 1 }, { reminder_steps_sent: 0 }, { reminder_steps_sent: 0 }],
  );
  await ds.runMigrations();
});
