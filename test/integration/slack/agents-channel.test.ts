import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger';
import { startSlackHarness, type SlackHarness } from '../../support/slack-harness';

let h: SlackHarness;
let logged = '';
beforeAll(async () => {
  const sink = new Writable({ write(chunk, _enc, done) { logged += String(chunk); done(); } });
  h = await startSlackHarness({ SLACK_AGENTS_CHANNEL: 'C_AGENTS', AGENTS: '' }, undefined, {}, createLogger('warn', sink));
});
afterAll(async () => { await h?.stop(); });

test('an app without channels:read/groups:read logs at error what to do, and the member is not taken for an agent', async () => {
  h.fake.members.set('C_AGENTS', ['U_CHANNEL_AGENT']);
  h.fake.fail('conversations.members', { error: 'missing_scope', times: 10 });
  const reply = await h.slack.command('U_CHANNEL_AGENT', 'claim #1');
  expect(reply.status).toBe(200);
  const lines = logged.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { level: number; msg: string });
  const error = lines.find((l) => l.level === 50 && l.msg.includes('SLACK_AGENTS_CHANNEL'));
  expect(error?.msg).toMatch(/channels:read and groups:read .*reinstall/);
});
