import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
const MAX_SKEW_SECONDS = 300;

/**
 * Slack's v0 request signature: HMAC-SHA256 of `v0:<timestamp>:<raw body>` under the signing
 * secret, compared in constant time. Written here rather than taken from Bolt's
 * isValidSlackRequest, whose comparison (tsscmp) hashes both sides again under a fresh random
 * key: three HMACs and a random draw per request where one HMAC does (BENCHMARKS.md).
 */
export function isSignedBySlack(secret: string, signature: string | undefined, timestamp: string | undefined, body: string, nowMs = Date.now()): boolean {
  const seconds = Number(timestamp);
  if (!signature || !timestamp || !Number.isInteger(seconds) || Math.abs(nowMs / 1000 - seconds) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(`v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`);
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
