import { changeStatus, recordThreadMessages, setLanguage, setPriority, sweep } from '../../../src/core';
import { coreFixture, person, type CoreFixture } from '../../support/core-fixture';
import { agent, customer, DAY, HOUR, noticeKeys, pendingTicket, postsOf, ticketRow } from '../../support/automation-fixture';
import { openTicket, type Ticket } from '../../../src/core';

let f: CoreFixture;
beforeAll(async () => { f = await coreFixture(); });
afterAll(async () => { await f.db.drop(); });

const run = () => sweep(f.deps, f.clock.now());

describe('reminders', () => {
  test('each step is sent once, when due, mentioning the requester in their language with the two buttons', async () => {
    await setLanguage(f.deps, customer, 'pt-BR');
    const ticket = await pendingTicket(f.deps);
    f.clock.advance(DAY - 1000);
    expect((await run()).reminders).toBe(0);
    f.clock.advance(1000);
    expect((await run()).reminders).toBe(1);
    expect((await run()).reminders).toBe(0);
    f.clock.advance(2 * DAY);
    expect((await run()).reminders).toBe(1);
    f.clock.advance(DAY);
    expect((await run()).reminders).toBe(0);

    const reminders = (await postsOf(f.db.dataSource, ticket.id, 'thread_notice')).filter((r) => r.payload.notice?.key === 'notices.reminder');
    expect(reminders.map((r) => r.payload.notice)).toEqual([1, 2].map((step) => ({
      key: 'notices.reminder',
      params: { number: ticket.number, person: 'U_CUST', step },
      locale: 'pt-BR',
      mentions: ['U_CUST'],
      actions: ['still_need_help', 'close_it'],
    })));
    expect(reminders.every((r) => r.ordering_key === `ticket:${ticket.id}`)).toBe(true);
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ status: 'pending', reminder_steps_sent: 2 });
    await setLanguage(f.deps, customer, 'en');
  });

  test('several overdue steps at once make one reminder and are all marked', async () => {
    const ticket = await pendingTicket(f.deps);
    f.clock.advance(5 * DAY);
    const report = await run();
    expect(report.reminders).toBeGreaterThanOrEqual(1);
    const reminders = (await postsOf(f.db.dataSource, ticket.id)).filter((r) => r.payload.notice?.key === 'notices.reminder');
    expect(reminders).toHaveLength(1);
    expect(reminders[0].payload.notice?.params.step).toBe(2);
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ reminder_steps_sent: 2 });
  });

  test('Pending → Open → Pending starts the steps again', async () => {
    const ticket = await pendingTicket(f.deps);
    f.clock.advance(DAY);
    await run();
    await changeStatus(f.deps, agent, ticket.number, 'open');
    f.clock.advance(HOUR);
    await changeStatus(f.deps, agent, ticket.number, 'pending');
    f.clock.advance(DAY - 1);
    await run();
    const count = async () => (await postsOf(f.db.dataSource, ticket.id)).filter((r) => r.payload.notice?.key === 'notices.reminder').length;
    expect(await count()).toBe(1);
    f.clock.advance(1);
    await run();
    expect(await count()).toBe(2);
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ reminder_steps_sent: 1 });
  });

  test('a ticket another transaction holds (the auto-close, a person changing it) is skipped, then reminded once it is released', async () => {
    const ticket = await pendingTicket(f.deps);
    f.clock.advance(DAY);
    const holder = f.db.dataSource.createQueryRunner();
    await holder.startTransaction();
    try {
      await holder.query('SELECT id FROM tickets WHERE id = $1 FOR UPDATE', [ticket.id]);
      await run();
      expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ reminder_steps_sent: 0 });
    } finally {
      await holder.commitTransaction();
      await holder.release();
    }
    await run();
    const reminders = (await postsOf(f.db.dataSource, ticket.id)).filter((r) => r.payload.notice?.key === 'notices.reminder');
    expect(reminders).toHaveLength(1);
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ reminder_steps_sent: 1 });
  });
});

describe('auto-close', () => {
  test('a Pending ticket idle for PENDING_AUTO_CLOSE_AFTER is closed once, with card, notice and audit event; reminders are no activity', async () => {
    const ticket = await pendingTicket(f.deps);
    for (let day = 1; day < 7; day++) {
      f.clock.advance(DAY);
      await run();
    }
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ status: 'pending' });
    f.clock.advance(DAY);
    const before = (await postsOf(f.db.dataSource, ticket.id)).length;
    expect((await run()).autoClosed).toBeGreaterThanOrEqual(1);
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ status: 'closed', close_reason: 'auto_closed' });
    const posts = (await postsOf(f.db.dataSource, ticket.id)).slice(before);
    expect(noticeKeys(posts)).toEqual(['card_update', 'notices.auto_closed']);
    expect(posts[1].payload.notice).toMatchObject({ params: { number: ticket.number, status: 'closed', person: 'U_CUST' }, mentions: ['U_CUST'], locale: 'en' });
    const events = await f.db.dataSource.query(`SELECT actor_id, data FROM ticket_events WHERE ticket_id = $1 AND type = 'status_changed' ORDER BY id`, [ticket.id]);
    expect(events.at(-1)).toEqual({ actor_id: null, data: { from: 'pending', to: 'closed', reason: 'auto_closed' } });
    f.clock.advance(DAY);
    await run();
    expect((await postsOf(f.db.dataSource, ticket.id)).length).toBe(before + 2);
  });

  test("a person's change while Pending keeps the ticket alive", async () => {
    const ticket = await pendingTicket(f.deps);
    f.clock.advance(5 * DAY);
    await setPriority(f.deps, agent, ticket.number, 'high');
    f.clock.advance(2 * DAY);
    await run();
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ status: 'pending' });
    f.clock.advance(5 * DAY);
    await run();
    expect(await ticketRow(f.db.dataSource, ticket.id)).toMatchObject({ status: 'closed', close_reason: 'auto_closed' });
  });
});

describe('first-response alert', () => {
  test('one alert per ticket after FIRST_RESPONSE_SLA, to the agents, never for an answered ticket', async () => {
    const waiting = await openTicket(f.deps, { actor: customer, title: 'Printer jam', channelId: 'C1' });
    const answered = await openTicket(f.deps, { actor: customer, title: 'Mouse', channelId: 'C1' });
    await f.db.records.cardLocations.record(answered.id, 'C1', '1700000000.000900');
    await recordThreadMessages(f.deps, [{ workspaceId: answered.workspaceId, platform: 'slack', authorIsAgent: true, message: { id: '1700000000.000901', channelId: 'C1', threadId: '1700000000.000900', authorId: 'U_AGENT', text: 'on it', files: [], postedAt: f.clock.now() } }]);
    f.clock.advance(4 * HOUR - 1);
    await run();
    expect(await postsOf(f.db.dataSource, waiting.id, 'sla_alert')).toHaveLength(0);
    f.clock.advance(1);
    await run();
    f.clock.advance(HOUR);
    await run();
    const alerts = await postsOf(f.db.dataSource, waiting.id, 'sla_alert');
    expect(alerts.map((a) => a.payload)).toEqual([{
      kind: 'sla_alert',
      ticketId: waiting.id,
      notice: { key: 'notices.sla_alert', params: { number: waiting.number, title: 'Printer jam', person: 'U_CUST' }, locale: 'en', mentions: [], mentionAgents: true },
    }]);
    expect(await postsOf(f.db.dataSource, answered.id, 'sla_alert')).toHaveLength(0);
    expect((await ticketRow(f.db.dataSource, waiting.id)).sla_alerted_at).not.toBeNull();
  });
});

test('several sweeps at once on one database: every reminder and alert exactly once', async () => {
  const other = person('U_OTHER');
  const start = f.clock.now();
  // More than one claim batch of each kind, so concurrent sweeps really interleave.
  const pending: Ticket[] = [];
  const open: Ticket[] = [];
  for (let i = 0; i < 250; i += 5) {
    const five = Array.from({ length: 5 }, (_, k) => i + k);
    pending.push(...(await Promise.all(five.map((k) => pendingTicket(f.deps, `pending ${k}`)))));
    open.push(...(await Promise.all(five.map((k) => openTicket(f.deps, { actor: other, title: `open ${k}`, channelId: 'C2' })))));
  }
  f.clock.advance(DAY + (f.clock.now().getTime() - start.getTime()));
  // Batches of 50 (the default is larger), so four sweeps over 250 of each kind must interleave.
  const reports = await Promise.all(Array.from({ length: 4 }, () => sweep(f.deps, f.clock.now(), 50)));
  const total = reports.reduce((sum, r) => ({ reminders: sum.reminders + r.reminders, slaAlerts: sum.slaAlerts + r.slaAlerts }), { reminders: 0, slaAlerts: 0 });
  const perTicket: { ticket_id: string; reminders: string; alerts: string }[] = await f.db.dataSource.query(
    `SELECT payload->>'ticketId' AS ticket_id,
            count(*) FILTER (WHERE payload->'notice'->>'key' = 'notices.reminder') AS reminders,
            count(*) FILTER (WHERE kind = 'sla_alert') AS alerts
     FROM outbox WHERE payload->>'ticketId' = ANY($1) GROUP BY 1`,
    [[...pending, ...open].map((t) => t.id)],
  );
  const byId = new Map(perTicket.map((r) => [r.ticket_id, r]));
  expect(pending.filter((t) => byId.get(t.id)?.reminders !== '1')).toEqual([]);
  expect(open.filter((t) => byId.get(t.id)?.alerts !== '1')).toEqual([]);
  expect(total.reminders).toBe(250);
  expect(total.slaAlerts).toBe(250);
  // The work really was shared: more than one sweep acted.
  expect(reports.filter((r) => r.reminders + r.slaAlerts > 0).length).toBeGreaterThan(1);
});
