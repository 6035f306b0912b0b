import { sweep } from '../../../src/core';
import { translate } from '../../../src/i18n';
import type { SlackCall } from '../../fakes/fake-slack-api';
import { FrozenClock } from '../../support/core-fixture';
import { pendingPosts } from '../../support/outbox-rows';
import { eventually, startSlackHarness, unlinked, type SlackHarness } from '../../support/slack-harness';

/**
 * Reminders, auto-close and first-response alerts (contract §5, §8) through the real Slack
 * adapter: the core sweep is driven by hand with a movable clock (the cron is set to once a
 * year so it never runs on its own), except in the last block, where the real scheduler runs.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEVER = '0 0 1 1 *';

interface Button {
  action_id: string;
  value: string;
  text: { text: string };
}

const buttonsOf = (call: SlackCall): Button[] =>
  (call.body.blocks ?? []).flatMap((b: { elements?: Button[] }) => b.elements ?? []).filter((e: { type?: string }) => e.type === 'button');

let seq = 0;
const uniqueTitle = (title: string) => `${title} ${++seq}`;

/** The pieces every block below needs, bound to one harness. */
function helpers(get: () => SlackHarness) {
  const row = async (n: number) =>
    (await get().sql('SELECT id, status, close_reason, thread_id FROM tickets WHERE number = $1', [n]))[0] as
      { id: string; status: string; close_reason: string | null; thread_id: string | null } | undefined;
  const threadOf = (n: number) => eventually(async () => (await row(n))?.thread_id);
  /** Opens a ticket with /ticket new and waits for its card; returns its number and thread. */
  const open = async (requester: string, title: string) => {
    await get().slack.command(requester, `new ${title}`);
    const { number } = await eventually(async () => (await get().sql('SELECT number FROM tickets WHERE title = $1', [title]))[0] as { number: number } | undefined);
    return { number, thread: await threadOf(number) };
  };
  /** Every post the outbox owes has been handled, so "nothing more was sent" can be asserted. */
  const drained = () => eventually(async () => (await pendingPosts(get().db.dataSource)) === 0, 'the outbox drained');
  const repliesIn = (thread: string, predicate: (c: SlackCall) => boolean = () => true) =>
    get().fake.callsOf('chat.postMessage', (c) => c.body.thread_ts === thread && predicate(c));
  const isReminder = (c: SlackCall) => buttonsOf(c).some((b) => b.action_id === 'notice_still_need_help');
  return { row, threadOf, open, drained, repliesIn, isReminder };
}

describe('with a movable clock and the sweep run by hand', () => {
  let h: SlackHarness;
  const clock = new FrozenClock(new Date());
  const run = () => sweep(h.app.context.deps, clock.now());
  const { row, open, drained, repliesIn, isReminder } = helpers(() => h);
  // Leases follow the app's clock: a post still in flight when the clock jumps would be claimed again.
  const advance = async (ms: number) => { await drained(); clock.advance(ms); };

  beforeAll(async () => {
    h = await startSlackHarness({ SCHEDULER_CRON: NEVER }, undefined, { now: clock.now });
  });
  afterAll(async () => { await h.stop(); });

  /** A ticket the customer opened and an agent put to Pending at the clock's now. */
  async function pendingTicket(requester: string, title: string) {
    const ticket = await open(requester, uniqueTitle(title));
    await h.slack.command('U_AGENT', `status #${ticket.number} pending`);
    await eventually(async () => (await row(ticket.number))?.status === 'pending');
    await drained();
    return ticket;
  }

  test('a Pending ticket\'s reminder is a reply in its thread mentioning the requester, with two buttons; sent once', async () => {
    const { number, thread } = await pendingTicket('U_CUST', 'Printer jams');
    await advance(DAY - 1000);
    await run();
    await drained();
    expect(repliesIn(thread, isReminder)).toHaveLength(0);

    await advance(1000);
    expect((await run()).reminders).toBe(1);
    const reminder = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && isReminder(c));
    expect(reminder.body.channel).toBe('C_GENERAL');
    expect(reminder.body.text).toContain('<@U_CUST>');
    expect(unlinked(reminder.body.text)).toContain(translate('en', 'notices.reminder', { person: '<@U_CUST>', number }));
    expect(buttonsOf(reminder).map((b) => [b.action_id, b.text.text, b.value])).toEqual([
      ['notice_still_need_help', 'I still need help', String(number)],
      ['notice_close_it', 'Close it', String(number)],
    ]);

    expect((await run()).reminders).toBe(0);
    await drained();
    expect(repliesIn(thread, isReminder)).toHaveLength(1);
  });

  test('"I still need help" pressed by someone else is refused privately; by the requester it reopens the ticket and updates the card', async () => {
    const { number, thread } = await pendingTicket('U_CUST', 'Scanner offline');
    await advance(DAY);
    await run();
    const reminder = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && isReminder(c));
    const where = { channel: 'C_GENERAL', messageTs: String(reminder.body.thread_ts) };

    for (const [who, action] of [['U_OTHER', 'notice_still_need_help'], ['U_OTHER', 'notice_close_it']]) {
      await h.slack.click(who, action, String(number), where);
      await h.fake.waitFor('chat.postEphemeral', (c) => c.body.user === who && c.body.channel === 'C_GENERAL' && String(c.body.text).includes(`#${number}`));
    }
    await drained();
    expect((await row(number))?.status).toBe('pending');
    expect(h.fake.callsOf('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Open)'))).toHaveLength(0);

    await h.slack.click('U_CUST', 'notice_still_need_help', String(number), where);
    await eventually(async () => (await row(number))?.status === 'open');
    await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Open)'));
    await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && unlinked(c.body.text).includes(`#${number} is now Open (by <@U_CUST>)`));

    // Open again: no more reminders, however long it waits.
    await advance(3 * DAY);
    await run();
    await drained();
    expect(repliesIn(thread, isReminder)).toHaveLength(1);
  });

  test('in pt-BR: the reminder and its buttons speak Portuguese, and "Pode fechar" closes the ticket for the requester', async () => {
    h.fake.locales.set('U_PT', 'pt-BR');
    const { number, thread } = await pendingTicket('U_PT', 'Impressora travada');
    await advance(DAY);
    await run();
    const reminder = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && isReminder(c));
    expect(unlinked(reminder.body.text)).toContain(translate('pt-BR', 'notices.reminder', { person: '<@U_PT>', number }));
    expect(buttonsOf(reminder).map((b) => b.text.text)).toEqual(['Ainda preciso de ajuda', 'Pode fechar']);

    await h.slack.click('U_PT', 'notice_close_it', String(number), { channel: 'C_GENERAL', messageTs: thread });
    await eventually(async () => (await row(number))?.status === 'closed');
    expect((await row(number))?.close_reason).toBe('closed_by_requester');
    await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Fechado)'));
    await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && unlinked(c.body.text).includes(`O #${number} agora está fechado`));
  });

  test('each reminder step once, then the auto-close: card updated, notice in the thread, closed as auto_closed, once', async () => {
    const { number, thread } = await pendingTicket('U_CUST', 'VPN drops');
    for (const days of [1, 2, 1]) {
      await advance(days * DAY);
      await run();
      await run();
    }
    await drained();
    // Steps at 24 h and 72 h; day 4 sends nothing new.
    expect(repliesIn(thread, isReminder)).toHaveLength(2);
    expect((await row(number))?.status).toBe('pending');

    await advance(3 * DAY);
    expect((await run()).autoClosed).toBe(1);
    await h.fake.waitFor('chat.update', (c) => c.body.ts === thread && String(c.body.text).includes('(Closed)'));
    const notice = translate('en', 'notices.auto_closed', { number, status: 'closed', person: '<@U_CUST>', waitCount: 7, waitUnit: 'days' });
    await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && unlinked(c.body.text).includes(notice));
    const ticket = await row(number);
    expect(ticket).toMatchObject({ status: 'closed', close_reason: 'auto_closed' });
    const events = await h.sql(`SELECT actor_id, data FROM ticket_events WHERE ticket_id = $1 AND type = 'status_changed' ORDER BY created_at DESC LIMIT 1`, [ticket!.id]);
    expect(events).toEqual([{ actor_id: null, data: { from: 'pending', to: 'closed', reason: 'auto_closed' } }]);

    await advance(DAY);
    expect((await run()).autoClosed).toBe(0);
    await drained();
    expect(repliesIn(thread, (c) => unlinked(c.body.text).includes(notice))).toHaveLength(1);
    expect(repliesIn(thread, isReminder)).toHaveLength(2);
  });

  test('without a triage channel the first-response alert is one reply in the ticket thread, naming no agent (the customer reads it too)', async () => {
    const { number, thread } = await open('U_CUST', uniqueTitle('Mail is down'));
    await drained();
    await advance(4 * HOUR);
    expect((await run()).slaAlerts).toBe(1);
    const alert = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('first-response'));
    expect(alert.body.text).not.toContain('<@U_AGENT>');
    expect(alert.body.text).toContain(`#${number}`);

    await advance(DAY);
    expect((await run()).slaAlerts).toBe(0);
    await drained();
    expect(repliesIn(thread, (c) => String(c.body.text).includes('first-response'))).toHaveLength(1);
  });

  test('an agent\'s Claim or priority change is a first response: no alert follows', async () => {
    const claimed = await open('U_CUST', uniqueTitle('Keyboard missing keys'));
    await h.slack.click('U_AGENT', 'card_claim', String(claimed.number), { channel: 'C_GENERAL', messageTs: claimed.thread });
    const prioritized = await open('U_CUST', uniqueTitle('Screen cracked'));
    await h.slack.command('U_AGENT', `priority #${prioritized.number} high`);
    const numbers = [claimed.number, prioritized.number];
    const answered = async () => (await h.sql(`SELECT count(*)::int AS n FROM tickets WHERE number = ANY($1) AND first_response_at IS NOT NULL`, [numbers]))[0].n;
    await eventually(async () => (await answered()) === 2, 'first responses');

    await advance(4 * HOUR);
    expect((await run()).slaAlerts).toBe(0);
    await drained();
    for (const { thread } of [claimed, prioritized]) expect(repliesIn(thread, (c) => String(c.body.text).includes('first-response'))).toHaveLength(0);
  });
});

describe('with a triage channel', () => {
  let h: SlackHarness;
  const clock = new FrozenClock(new Date());
  const { open, drained } = helpers(() => h);
  const advance = async (ms: number) => { await drained(); clock.advance(ms); };

  beforeAll(async () => {
    h = await startSlackHarness({ SCHEDULER_CRON: NEVER, SLACK_TRIAGE_CHANNEL: 'C_TRIAGE' }, undefined, { now: clock.now });
  });
  afterAll(async () => { await h.stop(); });

  test('the first-response alert is one message in the triage channel naming #n, not in the thread; never twice', async () => {
    const { number, thread } = await open('U_CUST', uniqueTitle('Wi-Fi is slow'));
    await drained();
    const isAlert = (c: SlackCall) => c.body.channel === 'C_TRIAGE' && String(c.body.text).includes('first-response');
    await advance(4 * HOUR);
    expect((await sweep(h.app.context.deps, clock.now())).slaAlerts).toBe(1);
    const alert = await h.fake.waitFor('chat.postMessage', isAlert);
    expect(alert.body.text).toContain(`#${number}`);
    expect(alert.body.thread_ts).toBeUndefined();

    await advance(DAY);
    await sweep(h.app.context.deps, clock.now());
    await drained();
    expect(h.fake.callsOf('chat.postMessage', isAlert)).toHaveLength(1);
    expect(h.fake.callsOf('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('first-response'))).toHaveLength(0);
  });
});

describe('with the real scheduler (every second, durations in seconds)', () => {
  let h: SlackHarness;
  const { row, open, repliesIn, isReminder } = helpers(() => h);

  beforeAll(async () => {
    h = await startSlackHarness({
      SCHEDULER_CRON: '* * * * * *', PENDING_REMINDER_AFTER: '1s,3s', PENDING_AUTO_CLOSE_AFTER: '5s', FIRST_RESPONSE_SLA: '2s',
    });
  });
  afterAll(async () => { await h.stop(); });

  test('the cron sends the first-response alert, the reminders and the auto-close, each once', async () => {
    const pending = await open('U_CUST', uniqueTitle('Badge reader'));
    await h.slack.command('U_AGENT', `status #${pending.number} pending`);
    const waiting = await open('U_CUST', uniqueTitle('Nobody answers'));

    const alert = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === waiting.thread && String(c.body.text).includes('first-response'), 10_000);
    expect(alert.body.text).not.toContain('<@U_AGENT>');

    await eventually(async () => (await row(pending.number))?.status === 'closed', 'the auto-close', 15_000);
    expect((await row(pending.number))?.close_reason).toBe('auto_closed');
    const notice = translate('en', 'notices.auto_closed', { number: pending.number, status: 'closed', person: '<@U_CUST>', waitCount: 5, waitUnit: 'seconds' });
    await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === pending.thread && unlinked(c.body.text).includes(notice));
    await h.fake.waitFor('chat.update', (c) => c.body.ts === pending.thread && String(c.body.text).includes('(Closed)'));
    // A slow tick may find both steps due at once: then one reminder stands for both.
    const reminders = repliesIn(pending.thread, isReminder);
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders.length).toBeLessThanOrEqual(2);
    expect(reminders.every((c) => String(c.body.text).includes('<@U_CUST>'))).toBe(true);
    // The pending ticket had an agent's response; only the other one was alerted.
    expect(h.fake.callsOf('chat.postMessage', (c) => String(c.body.text).includes('first-response'))).toHaveLength(1);
  }, 30_000);
});
