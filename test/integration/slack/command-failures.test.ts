import { Writable } from 'node:stream';
import { createLogger } from '../../../src/logger';
import { eventually, startSlackHarness, type SlackHarness } from '../../support/slack-harness';

interface LogLine { level: number; msg: string; err?: { message?: string } }

const logs: LogLine[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
    done();
  },
});

let h: SlackHarness;
beforeAll(async () => { h = await startSlackHarness({}, undefined, {}, createLogger('info', sink)); });
afterAll(async () => { await h.stop(); });

const ERROR = 50;

test('`new` whose form Slack refuses to open (expired trigger) is answered with an empty ack, and the failure is logged once with Slack\'s error', async () => {
  h.fake.fail('views.open', { error: 'expired_trigger_id' });
  const r = await h.slack.command('U_CUST', 'new');
  expect(r.status).toBe(200);
  expect(r.text).toBe('');
  const failed = await eventually(async () => logs.find((l) => l.msg === 'command failed'));
  expect(failed.err?.message).toContain('expired_trigger_id');
  // Give any later error (a second ack, a retry) the time to reach the log.
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(logs.filter((l) => l.level >= ERROR).map((l) => l.msg)).toEqual(['command failed']);
});
