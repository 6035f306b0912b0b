import { FakeBotConnector } from '../fakes/fake-bot-connector';
import { eventually, isCardOf, startSlackHarness, type SlackHarness } from '../support/slack-harness';
import { AGENT, BOT, CHANNEL, channelCommand, channelMessage, CUSTOMER, postActivity, TENANT } from '../support/teams-app';
import { SLACK_HOSTILE_TITLES, SLACK_MALFORMED } from './corpus/slack';
import { TEAMS_HOSTILE_TITLES, TEAMS_MALFORMED, type TeamsCase } from './corpus/teams';

/**
 * The fuzz corpus (test/fuzz/corpus) against both endpoints of one running app: for every case,
 * no 5xx, no stack trace or internal error text in the answer, the server still up, and nothing
 * stored that should not be; hostile words in real requests are stored as typed (NUL removed).
 */
let h: SlackHarness;
const connector = new FakeBotConnector();

beforeAll(async () => {
  await connector.start();
  h = await startSlackHarness({ AGENTS: `slack:U_AGENT,teams:${AGENT.id}` });
}, 120_000);
afterAll(async () => {
  await h.stop();
  await connector.stop();
});

const LEAK = /\bat [\w.<>$]+ \(|\bat \/|TypeError|ReferenceError|Cannot read prop|ECONNREFUSED|QueryFailedError|invalid input syntax|out of range/;

async function counts(): Promise<Record<string, number>> {
  const [row] = await h.sql(`SELECT (SELECT count(*) FROM tickets)::int AS tickets, (SELECT count(*) FROM ticket_messages)::int AS messages,
    (SELECT count(*) FROM ticket_events)::int AS events, (SELECT count(*) FROM ticket_participants)::int AS participants`);
  return row;
}

async function alive(): Promise<void> {
  expect((await fetch(`${h.app.url}/healthz`)).status).toBe(200);
}

describe('Slack: malformed and hostile requests, all correctly signed', () => {
  test.each(SLACK_MALFORMED.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await counts();
    const res = await h.slack.raw(c.body, c.contentType);
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(LEAK);
    expect(await counts()).toEqual(before);
    await alive();
  });

  test.each(SLACK_HOSTILE_TITLES.map((c) => [c.name, c] as const))('a title with %s is stored as typed, and its replies too', async (_name, c) => {
    const res = await h.slack.command('U_CUST', `new ${c.title}`, 'C_HOSTILE');
    expect(res.status).toBe(200);
    const [ticket] = await eventually(async () => {
      const rows = await h.sql('SELECT number, thread_id FROM tickets WHERE title = $1 AND thread_id IS NOT NULL', [c.stored]);
      return rows.length ? rows : null;
    });
    const ts = `17920000${String(ticket.number).padStart(2, '0')}.000001`;
    const reply = await h.slack.message('U_CUST', 'C_HOSTILE', ts, `re: ${c.title}`, { thread_ts: ticket.thread_id });
    expect(reply.status).toBe(200);
    const [stored] = await h.sql('SELECT text FROM ticket_messages WHERE platform_message_id = $1', [ts]);
    expect(stored.text).toBe(`re: ${c.stored}`);
  });
});

describe('Teams: malformed and hostile activities', () => {
  // Each case breaks one thing in a command to the bot, and in a plain reply in a thread.
  const bases = {
    command: () => channelCommand(connector, 'show #1', { from: CUSTOMER }),
    reply: () => channelMessage(connector, 'just chatting', { from: CUSTOMER, threadId: '1800000000999' }),
  };
  type Base = keyof typeof bases;
  const cases: [string, TeamsCase, Base][] = TEAMS_MALFORMED.flatMap((c): [string, TeamsCase, Base][] =>
    (c.raw !== undefined ? [[c.name, c, 'command']] : (['command', 'reply'] as const).map((b): [string, TeamsCase, Base] => [`${c.name} (${b})`, c, b])));

  test.each(cases)('%s', async (_name, c, base) => {
    const before = await counts();
    const res = await postActivity(h.app, c.raw ?? c.change!(bases[base]()));
    expect(res.status).toBeLessThan(500);
    expect(res.status).not.toBe(501);
    expect(res.text).not.toMatch(LEAK);
    expect(await counts()).toEqual(before);
    await alive();
  });

  test.each(TEAMS_HOSTILE_TITLES.map((c) => [c.name, c] as const))('a title with %s is stored as typed', async (_name, c) => {
    const res = await postActivity(h.app, channelCommand(connector, `new ${c.title}`, { from: CUSTOMER }));
    expect(res.status).toBeLessThan(300);
    const rows = await eventually(async () => {
      const found = await h.sql(`SELECT number FROM tickets WHERE title = $1 AND workspace_id = $2`, [c.stored, `teams:${TENANT}`]);
      return found.length ? found : null;
    }, `ticket "${c.stored}"`);
    expect(rows).toHaveLength(1);
  });

  test('the conversation still works after the corpus', async () => {
    const res = await postActivity(h.app, channelCommand(connector, 'list', { from: CUSTOMER }));
    expect(res.status).toBeLessThan(300);
    expect(BOT.id).toBeTruthy();
    expect(CHANNEL).toContain('19:');
  });
});

test('Slack still opens tickets after the corpus', async () => {
  await h.slack.command('U_CUST', 'new After the storm', 'C_AFTER');
  await h.fake.waitFor('chat.postMessage', (c) => isCardOf(1)(c) || String(c.body.text).includes('After the storm'));
});
