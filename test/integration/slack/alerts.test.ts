import { sweep } from '../../../src/core';
import { translate } from '../../../src/i18n';
import { FrozenClock } from '../../support/core-fixture';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

/**
 * Contract §8, last bullet: a first-response alert or a nudge mentions no agent other than the
 * assignee, and is written in the agents' language (DEFAULT_LOCALE), even in a thread whose
 * requester reads English. No triage channel here, so the alert lands in the customer's thread.
 */
const HOUR = 3_600_000;
let h: SlackHarness;
const clock = new FrozenClock(new Date());

beforeAll(async () => {
  h = await startSlackHarness({ SCHEDULER_CRON: '0 0 1 1 *', DEFAULT_LOCALE: 'pt-BR', AGENTS: 'slack:U_AGENT,slack:U_AGENT2,slack:U_AGENT3' }, undefined, { now: clock.now });
  await h.slack.command('U_CUST', 'lang en');
}, 60_000);
afterAll(async () => { await h.stop(); });

const drained = () => eventually(async () => (await h.sql(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending'`))[0].n === 0);
const AGENTS = ['<@U_AGENT>', '<@U_AGENT2>', '<@U_AGENT3>'];

async function open(title: string) {
  await h.slack.command('U_CUST', `new ${title}`);
  const row = await eventually(async () => (
    await h.sql('SELECT number, thread_id FROM tickets WHERE title = $1 AND thread_id IS NOT NULL', [title])
  )[0] as { number: number; thread_id: string } | undefined);
  return { number: row.number, thread: row.thread_id };
}

test('the first-response alert in the thread pings no agent and speaks the agents\' language', async () => {
  const { thread } = await open('Mail is down');
  await drained();
  clock.advance(5 * HOUR);
  expect((await sweep(h.app.context.deps, clock.now())).slaAlerts).toBe(1);
  const alert = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('primeira resposta'));
  for (const agent of AGENTS) expect(alert.body.text).not.toContain(agent);
  expect(alert.body.text).toContain('Mail is down');
});

test('a nudge without assignee names no agent; with one, it names the assignee alone, as one person asking another', async () => {
  const { number, thread } = await open('Printer jams');
  await h.slack.command('U_CUST', `nudge #${number}`);
  const first = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).includes('atualização'));
  for (const agent of AGENTS) expect(first.body.text).not.toContain(agent);

  await h.slack.command('U_AGENT2', `claim #${number}`);
  await eventually(async () => (await h.sql('SELECT assignee_id FROM tickets WHERE number = $1', [number]))[0].assignee_id === 'U_AGENT2');
  await h.slack.command('U_CUST', `nudge #${number}`);
  const second = await h.fake.waitFor('chat.postMessage', (c) => c.body.thread_ts === thread && String(c.body.text).startsWith('<@U_AGENT2>'));
  const linked = (await h.sql('SELECT card_url FROM tickets WHERE number = $1', [number]))[0].card_url as string;
  expect(second.body.text)
    .toBe(translate('pt-BR', 'notices.nudge_assignee', { person: '<@U_AGENT2>', actor: '<@U_CUST>', number }).replace(`#${number}`, `<${linked}|#${number}>`));
  expect(second.body.text).not.toContain('<@U_AGENT>');
  expect(second.body.text).not.toContain('<@U_AGENT3>');
});
