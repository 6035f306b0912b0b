import { Writable } from 'node:stream';
import { startChamado, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { FakeSlackApi } from '../fakes/fake-slack-api';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { eventually } from '../support/slack-harness';
import { SIGNING_SECRET, SlackRequests } from '../support/slack-requests';

const BOT_TOKEN = 'xoxb-never-log-this-9f8e7d';
const TEAMS_PASSWORD = 'teams-password-never-log-1a2b3c';

let db: TestDatabase;
let fake: FakeSlackApi;
let app: RunningApp;
let logged = '';

beforeAll(async () => {
  db = await createTestDatabase();
  fake = await new FakeSlackApi().start();
  const sink = new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } });
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATABASE_URL: db.url, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: `${fake.url}/api/`, MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000001', MICROSOFT_APP_PASSWORD: TEAMS_PASSWORD,
    LOG_LEVEL: 'trace', AGENTS: 'slack:U_AGENT',
  });
  app = await startChamado(config, createLogger('trace', sink));
});
afterAll(async () => {
  await app?.stop();
  await fake?.stop();
  await db?.drop();
});

test('secrets never reach the logs, even at trace level and when calls fail', async () => {
  const slack = new SlackRequests(app.url);
  fake.fail('chat.postMessage', { status: 500 });
  expect((await slack.command('U_CUST', 'new Printer on fire')).status).toBe(200);
  await slack.raw('{"type":"event_callback"}', 'application/json', {}, { secret: 'wrong-secret' });
  // The card is posted on the retry after the 500: its thread id is stored once it got through.
  await eventually(async () => (await db.dataSource.query('SELECT 1 FROM tickets WHERE number = 1 AND thread_id IS NOT NULL')).length === 1);
  await fetch(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer not-a-token' }, body: '{"type":"message"}' });
  expect(logged).toContain('Chamado is listening');
  expect(logged).toContain('will retry');
  expect(logged.length).toBeGreaterThan(1000);
  for (const secret of [BOT_TOKEN, SIGNING_SECRET, TEAMS_PASSWORD]) expect(logged).not.toContain(secret);
  const password = new URL(db.url).password;
  if (password) expect(logged).not.toContain(password);
});
