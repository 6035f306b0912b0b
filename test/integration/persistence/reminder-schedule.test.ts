import { changeStatus, openTicket, recordThreadMessages, setPriority, sweep } from '../../../src/core';
import { coreFixture, person, type CoreFixture } from '../../support/core-fixture';
import { DAY } from '../../support/automation-fixture';

/** `reminder_schedule` holds one row per Pending ticket, kept in step with `tickets` by the database. */
let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const agent = person('U_AGENT', true);
const customer = person('U_CUST');

const scheduleOf = async (ticketId: string) =>
  (await f.db.dataSource.query(`SELECT pending_since, steps_sent FROM reminder_schedule WHERE ticket_id = $1`, [ticketId]))[0] as
    { pending_since: Date; steps_sent: number } | undefined;

test('going Pending schedules the reminders; leaving Pending removes them; a new Pending period starts at step 0', async () => {
  const t = await openTicket(f.deps, { actor: customer, title: 'VPN drops', channelId: 'C1' });
  expect(await scheduleOf(t.id)).toBeUndefined();

  const pending = await changeStatus(f.deps, agent, t.number, 'pending');
  expect(await scheduleOf(t.id)).toEqual({ pending_since: pending.pendingSince, steps_sent: 0 });

  f.clock.advance(DAY);
  expect((await sweep(f.deps, f.clock.now())).reminders).toBe(1);
  expect(await scheduleOf(t.id)).toEqual({ pending_since: pending.pendingSince, steps_sent: 1 });

  await changeStatus(f.deps, agent, t.number, 'open');
  expect(await scheduleOf(t.id)).toBeUndefined();

  f.clock.advance(1000);
  const again = await changeStatus(f.deps, agent, t.number, 'pending');
  expect(await scheduleOf(t.id)).toEqual({ pending_since: again.pendingSince, steps_sent: 0 });

  await changeStatus(f.deps, agent, t.number, 'closed');
  expect(await scheduleOf(t.id)).toBeUndefined();
});

test('other changes to a Pending ticket keep the steps already sent', async () => {
  const t = await openTicket(f.deps, { actor: customer, title: 'Printer', channelId: 'C1' });
  await changeStatus(f.deps, agent, t.number, 'pending');
  f.clock.advance(DAY);
  await sweep(f.deps, f.clock.now());
  await setPriority(f.deps, agent, t.number, 'high');
  await f.db.records.cardLocations.record(t.id, 'C1', '1700000000.000500');
  await recordThreadMessages(f.deps, [{
    workspaceId: t.workspaceId, platform: 'slack', authorIsAgent: true,
    message: { id: '1700000000.000501', channelId: 'C1', threadId: '1700000000.000500', authorId: 'U_AGENT', text: 'still looking', files: [], postedAt: f.clock.now() },
  }]);
  expect(await scheduleOf(t.id)).toMatchObject({ steps_sent: 1 });
  // The step already sent is not sent again.
  expect((await sweep(f.deps, f.clock.now())).reminders).toBe(0);
});

test('a Pending ticket written by SQL alone (a report fixing data, a seed) is scheduled too, and deleting it unschedules it', async () => {
  const [{ id }] = await f.db.dataSource.query(
    `INSERT INTO tickets (workspace_id, platform, number, title, status, requester_id, channel_id, pending_since)
     VALUES ('slack:TSQL', 'slack', 1, 'By hand', 'pending', 'U_X', 'C1', '2026-01-01T00:00:00Z') RETURNING id`,
  );
  expect(await scheduleOf(id)).toEqual({ pending_since: new Date('2026-01-01T00:00:00Z'), steps_sent: 0 });
  await f.db.dataSource.query(`UPDATE tickets SET pending_since = '2026-01-05T00:00:00Z' WHERE id = $1`, [id]);
  expect(await scheduleOf(id)).toEqual({ pending_since: new Date('2026-01-05T00:00:00Z'), steps_sent: 0 });
  await f.db.dataSource.query(`DELETE FROM tickets WHERE id = $1`, [id]);
  expect(await scheduleOf(id)).toBeUndefined();
});
