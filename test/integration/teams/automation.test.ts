import type { RunningApp } from '../../../src/app';
import { sweep } from '../../../src/core';
import { translate } from '../../../src/i18n';
import { FakeBotConnector, type ConnectorCall } from '../../fakes/fake-bot-connector';
import { FrozenClock } from '../../support/core-fixture';
import { createTestDatabase, type TestDatabase } from '../../support/database';
import { pendingPosts } from '../../support/outbox-rows';
import { buttonsOf, cardsOf, cardText, everyCard } from '../../support/teams-cards';
import { AGENT, CHANNEL, CUSTOMER, OTHER, cardSubmit, channelCommand, postActivity, startTeamsApp, eventually, shownText } from '../../support/teams-app';

/**
 * Reminders, auto-close and first-response alerts (contract §6, §8) through the real Teams
 * adapter and the fake Bot Connector: the core sweep is driven by hand with a movable clock (the
 * cron is set to once a year), except in the last block, where the real scheduler runs.
 */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NEVER = '0 0 1 1 *';

const connector = new FakeBotConnector();
beforeAll(async () => { await connector.start(); });
afterAll(async () => { await connector.stop(); });

const textOf = (c: ConnectorCall) => shownText(String(c.body.text ?? ''));
const threadConversation = (root: string) => `${CHANNEL};messageid=${root}`;
const postsIn = (root: string, predicate: (c: ConnectorCall) => boolean = () => true) =>
  connector.accepted.filter((c) => c.method === 'POST' && c.conversationId === threadConversation(root) && predicate(c));
const isReminder = (c: ConnectorCall) => cardsOf(c.body).some((card) => buttonsOf(card).some((b) => b.data.action === 'still_need_help'));
const cardUpdates = (root: string, predicate: (c: ConnectorCall) => boolean = () => true) =>
  connector.accepted.filter((c) => c.method === 'PUT' && c.activityId === root && predicate(c));

let seq = 0;

/** The pieces both blocks need, bound to one app and database. */
function helpers(get: () => { app: RunningApp; db: TestDatabase }) {
  const row = async (n: number) =>
    (await get().db.dataSource.query('SELECT id, status, close_reason, thread_id FROM tickets WHERE number = $1', [n]))[0] as
      { id: string; status: string; close_reason: string | null; thread_id: string | null } | undefined;
  const post = async (activity: Record<string, unknown>) => {
    expect((await postActivity(get().app, activity)).status).toBe(200);
  };
  /** @Chamado new in the channel; returns the ticket's number and the root of its thread. */
  const open = async (title: string, locale = 'en-US') => {
    const unique = `${title} ${++seq}`;
    await post(channelCommand(connector, `new ${unique}`, { from: CUSTOMER, locale }));
    const byTitle = async () => (await get().db.dataSource.query('SELECT number FROM tickets WHERE title = $1', [unique]))[0] as { number: number } | undefined;
    const { number } = await eventually(byTitle, 'the ticket');
    const root = await eventually(async () => (await row(number))?.thread_id, 'the ticket thread');
    return { number, root };
  };
  const drained = () => eventually(async () => (await pendingPosts(get().db.dataSource)) === 0, 'the outbox drained');
  return { row, post, open, drained };
}

describe('with a movable clock and the sweep run by hand', () => {
  let db: TestDatabase;
  let app: RunningApp;
  const clock = new FrozenClock(new Date());
  const run = () => sweep(app.context.deps, clock.now());
  const { row, post, open, drained } = helpers(() => ({ app, db }));
  // Leases follow the app's clock: a post still in flight when the clock jumps would be claimed again.
  const advance = async (ms: number) => { await drained(); clock.advance(ms); };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTeamsApp(db.url, { SCHEDULER_CRON: NEVER }, { now: clock.now });
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  /** A ticket the customer opened and the agent put to Pending from the card, at the clock's now. */
  async function pendingTicket(title: string, locale = 'en-US') {
    const ticket = await open(title, locale);
    await post(cardSubmit(connector, { chamado: 'ticket', op: 'pending', number: ticket.number }, { from: AGENT, threadId: ticket.root }));
    await eventually(async () => (await row(ticket.number))?.status === 'pending', 'pending');
    await drained();
    return ticket;
  }

  test('the reminder is posted proactively into the ticket thread with a real mention of the requester and two buttons; once', async () => {
    const { number, root } = await pendingTicket('Laptop is slow');
    await advance(DAY - 1000);
    await run();
    await drained();
    expect(postsIn(root, isReminder)).toHaveLength(0);

    await advance(1000);
    expect((await run()).reminders).toBe(1);
    const reminder = await eventually(() => postsIn(root, isReminder)[0], 'the reminder in the thread');
    const tag = `<at>${CUSTOMER.name}</at>`;
    expect(textOf(reminder)).toContain(translate('en', 'notices.reminder', { person: tag, number }));
    expect(reminder.body.entities).toEqual([{ type: 'mention', text: tag, mentioned: { id: CUSTOMER.id, name: CUSTOMER.name } }]);
    const [card] = cardsOf(reminder.body);
    expect(buttonsOf(card)).toEqual([
      { title: 'I still need help', data: { chamado: 'notice', action: 'still_need_help', number } },
      { title: 'Close it', data: { chamado: 'notice', action: 'close_it', number } },
    ]);

    expect((await run()).reminders).toBe(0);
    await drained();
    expect(postsIn(root, isReminder)).toHaveLength(1);
  });

  test('the reminder\'s buttons: someone else is refused and nothing changes; the requester\'s "I still need help" reopens and updates the card', async () => {
    const { number, root } = await pendingTicket('VPN drops');
    await advance(DAY);
    await run();
    const reminder = await eventually(() => postsIn(root, isReminder)[0], 'the reminder');
    const [stillNeedHelp, closeIt] = buttonsOf(cardsOf(reminder.body)[0]);

    await post(cardSubmit(connector, closeIt.data, { from: OTHER, threadId: root }));
    await eventually(() => postsIn(root, (c) => textOf(c).startsWith(translate('en', 'errors.ticket_not_found', { number })))[0], 'the refusal');
    await drained();
    expect((await row(number))?.status).toBe('pending');
    expect(cardUpdates(root, (c) => cardText(cardsOf(c.body)[0]).includes(': Open'))).toHaveLength(0);

    await post(cardSubmit(connector, stillNeedHelp.data, { from: CUSTOMER, threadId: root }));
    await eventually(async () => (await row(number))?.status === 'open', 'reopened');
    await eventually(() => cardUpdates(root, (c) => cardText(cardsOf(c.body)[0]).includes(': Open'))[0], 'the card update');
    await eventually(() => postsIn(root, (c) => textOf(c).includes(`#${number} is now Open`))[0], 'the status notice');
  });

  test('in pt-BR: the reminder speaks Portuguese and "Pode fechar" closes the ticket for the requester', async () => {
    const { number, root } = await pendingTicket('Impressora travada', 'pt-BR');
    await advance(DAY);
    await run();
    const reminder = await eventually(() => postsIn(root, isReminder)[0], 'the reminder');
    expect(textOf(reminder)).toContain(translate('pt-BR', 'notices.reminder', { person: `<at>${CUSTOMER.name}</at>`, number }));
    const buttons = buttonsOf(cardsOf(reminder.body)[0]);
    expect(buttons.map((b) => b.title)).toEqual(['Ainda preciso de ajuda', 'Pode fechar']);

    await post(cardSubmit(connector, buttons[1].data, { from: CUSTOMER, threadId: root, locale: 'pt-BR' }));
    await eventually(async () => (await row(number))?.status === 'closed', 'closed');
    expect((await row(number))?.close_reason).toBe('closed_by_requester');
    await eventually(() => cardUpdates(root, (c) => cardText(cardsOf(c.body)[0]).includes('Fechado'))[0], 'the card update');
  });

  test('each reminder step once, then the auto-close: notice in the thread, card updated, closed as auto_closed, once', async () => {
    const { number, root } = await pendingTicket('Mailbox full');
    for (const days of [1, 2, 1]) {
      await advance(days * DAY);
      await run();
      await run();
    }
    await drained();
    expect(postsIn(root, isReminder)).toHaveLength(2);

    await advance(3 * DAY);
    expect((await run()).autoClosed).toBe(1);
    const tag = `<at>${CUSTOMER.name}</at>`;
    const text = translate('en', 'notices.auto_closed', { number, status: 'closed', person: tag, waitCount: 7, waitUnit: 'days' });
    const notice = await eventually(() => postsIn(root, (c) => textOf(c).includes(text))[0], 'the auto-close notice');
    expect(notice.body.entities).toEqual([expect.objectContaining({ mentioned: { id: CUSTOMER.id, name: CUSTOMER.name } })]);
    await eventually(() => cardUpdates(root, (c) => cardText(cardsOf(c.body)[0]).includes(': Closed'))[0], 'the card update');
    expect(await row(number)).toMatchObject({ status: 'closed', close_reason: 'auto_closed' });

    await advance(DAY);
    expect((await run()).autoClosed).toBe(0);
    await drained();
    expect(postsIn(root, (c) => textOf(c).includes(text))).toHaveLength(1);
    expect(postsIn(root, isReminder)).toHaveLength(2);
  });

  test('the first-response alert goes into the ticket thread, naming no agent (the customer reads it too), once', async () => {
    const { number, root } = await open('Printer on fire');
    await drained();
    await advance(4 * HOUR);
    expect((await run()).slaAlerts).toBe(1);
    const isAlert = (c: ConnectorCall) => textOf(c).includes('first-response');
    const alert = await eventually(() => postsIn(root, isAlert)[0], 'the alert');
    expect(textOf(alert)).toContain(`#${number}`);
    expect(textOf(alert)).not.toContain(AGENT.name);
    expect(((alert.body.entities ?? []) as { mentioned?: { id: string } }[]).map((e) => e.mentioned?.id)).not.toContain(AGENT.id);

    await advance(DAY);
    expect((await run()).slaAlerts).toBe(0);
    await drained();
    expect(postsIn(root, isAlert)).toHaveLength(1);
  });

  test('every Adaptive Card posted or updated parses cleanly', () => {
    expect(everyCard(connector.accepted).length).toBeGreaterThan(10);
  });
});

describe('with the real scheduler (every second, durations in seconds)', () => {
  let db: TestDatabase;
  let app: RunningApp;
  const { row, post, open } = helpers(() => ({ app, db }));

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await startTeamsApp(db.url, {
      // The SLA leaves a busy machine time to open the first ticket and answer it before it is due.
      SCHEDULER_CRON: '* * * * * *', PENDING_REMINDER_AFTER: '1s,3s', PENDING_AUTO_CLOSE_AFTER: '5s', FIRST_RESPONSE_SLA: '4s',
    });
  });
  afterAll(async () => {
    await app?.stop();
    await db?.drop();
  });

  test('the cron posts the alert, the reminders and the auto-close into the threads, each once', async () => {
    const pending = await open('Badge reader');
    await post(cardSubmit(connector, { chamado: 'ticket', op: 'pending', number: pending.number }, { from: AGENT, threadId: pending.root }));
    const waiting = await open('Nobody answers');

    await eventually(() => postsIn(waiting.root, (c) => textOf(c).includes('first-response'))[0], 'the alert', 15_000);
    await eventually(async () => (await row(pending.number))?.status === 'closed', 'the auto-close', 15_000);
    expect((await row(pending.number))?.close_reason).toBe('auto_closed');
    await eventually(() => postsIn(pending.root, (c) => textOf(c).includes('waited 5 seconds for an answer that never came'))[0], 'the auto-close notice');
    await eventually(() => cardUpdates(pending.root, (c) => cardText(cardsOf(c.body)[0]).includes(': Closed'))[0], 'the card update');
    // A slow tick may find both steps due at once: then one reminder stands for both.
    const reminders = postsIn(pending.root, isReminder);
    expect(reminders.length).toBeGreaterThanOrEqual(1);
    expect(reminders.length).toBeLessThanOrEqual(2);
    expect(postsIn(waiting.root, (c) => textOf(c).includes('first-response'))).toHaveLength(1);
    expect(postsIn(pending.root, (c) => textOf(c).includes('first-response'))).toHaveLength(0);
    expect(everyCard(connector.accepted).length).toBeGreaterThan(0);
  }, 30_000);
});
