import { createHmac } from 'node:crypto';
import { isValidSlackRequest } from '@slack/bolt';
import { isSignedBySlack } from '../../src/slack/signature';

const SECRET = 'unit-signing-secret';
const NOW = 1_790_000_000_000;
const ts = String(NOW / 1000);
const body = 'token=x&command=%2Fticket&text=new+Printer';
const sign = (secret: string, timestamp: string, raw: string) => `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;

test('a request Slack signed passes, and Bolt\'s own check agrees', () => {
  const signature = sign(SECRET, ts, body);
  expect(isSignedBySlack(SECRET, signature, ts, body, NOW)).toBe(true);
  const headers = { 'x-slack-signature': signature, 'x-slack-request-timestamp': Number(ts) };
  expect(isValidSlackRequest({ signingSecret: SECRET, body, headers, nowMilliseconds: NOW })).toBe(true);
});

test.each([
  ['another secret', sign('other-secret', ts, body), ts, body],
  ['a changed body', sign(SECRET, ts, body), ts, `${body}&user_id=U_ADMIN`],
  ['a timestamp not the signed one', sign(SECRET, ts, body), String(Number(ts) + 1), body],
  ['a timestamp six minutes old', sign(SECRET, String(Number(ts) - 360), body), String(Number(ts) - 360), body],
  ['a timestamp six minutes ahead', sign(SECRET, String(Number(ts) + 360), body), String(Number(ts) + 360), body],
  ['a timestamp that is not a number', sign(SECRET, 'soon', body), 'soon', body],
  ['no signature', undefined, ts, body],
  ['no timestamp', sign(SECRET, ts, body), undefined, body],
  ['a truncated signature', sign(SECRET, ts, body).slice(0, 20), ts, body],
  ['an unknown version', sign(SECRET, ts, body).replace('v0=', 'v1='), ts, body],
  ['non-ASCII of the right length', `v0=${'é'.repeat(64)}`, ts, body],
])('%s is refused', (_what, signature, timestamp, raw) => {
  expect(isSignedBySlack(SECRET, signature, timestamp, raw, NOW)).toBe(false);
});

test('a timestamp four minutes off either way is still accepted (clock skew)', () => {
  for (const t of [String(Number(ts) - 240), String(Number(ts) + 240)]) expect(isSignedBySlack(SECRET, sign(SECRET, t, body), t, body, NOW)).toBe(true);
});
