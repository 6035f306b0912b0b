import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNING_SECRET = 'bench-signing-secret';
export const BOT_TOKEN = 'xoxb-bench-token';

/** Slack's v0 request signature of a raw body. */
export function signature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export function signedHeaders(body: string, contentType = 'application/json', secret = SIGNING_SECRET): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signature(secret, timestamp, body),
  };
}

/** The check a receiver makes: a fresh timestamp and a matching signature. */
export function verify(secret: string, timestampHeader: string | undefined, signatureHeader: string | undefined, body: string): boolean {
  const timestamp = Number(timestampHeader);
  if (!signatureHeader || !Number.isFinite(timestamp) || Math.abs(Date.now() / 1000 - timestamp) > 300) return false;
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(signatureHeader);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
