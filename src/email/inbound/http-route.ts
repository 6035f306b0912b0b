import { createHash, timingSafeEqual } from 'node:crypto';
import type { Route } from '../../http/server';
import { BodyTooLargeError, readRawBody, sendJson, sendTooLarge } from '../../http/server';
import type { IntakeResult } from './intake';
import type { Envelope } from './parse-mail';

/** Compared as hashes, so neither the length nor any prefix of the secret shows in the timing. */
const sameSecret = (given: string, secret: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(secret).digest());

/**
 * `POST /email/inbound` (contract §10): one raw RFC 822 message, for forwarders and providers'
 * inbound webhooks. 404 while EMAIL_INBOUND_SECRET is unset; 202 once kept (a duplicate too).
 */
export function inboundRoute(secret: string | undefined, maxBytes: number, intake: (raw: Buffer, envelope: Envelope) => Promise<IntakeResult>): Route {
  return {
    method: 'POST',
    path: '/email/inbound',
    handle: async (req, res) => {
      if (!secret) return sendJson(res, 404, { error: 'not_found' });
      const auth = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
      if (!auth || !sameSecret(auth[1].trim(), secret)) {
        req.resume();
        return sendJson(res, 401, { error: 'unauthorized', message: 'Authorization: Bearer <EMAIL_INBOUND_SECRET> is missing or wrong' });
      }
      const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
      if (type !== 'message/rfc822') {
        req.resume();
        return sendJson(res, 415, { error: 'unsupported_media_type', message: 'send one raw e-mail with Content-Type: message/rfc822' });
      }
      let raw: Buffer;
      try {
        raw = await readRawBody(req, maxBytes);
      } catch (error) {
        if (error instanceof BodyTooLargeError) return sendTooLarge(res);
        throw error;
      }
      const result = await intake(raw, { mailFrom: null, rcptTo: [] });
      switch (result.status) {
        case 'accepted':
          return sendJson(res, 202, { status: result.duplicate ? 'duplicate' : 'accepted' });
        case 'ignored':
          return sendJson(res, 202, { status: 'ignored' });
        case 'malformed':
          return sendJson(res, 400, { error: 'malformed_mail', message: result.reason });
        case 'retry':
          res.setHeader('retry-after', '60');
          return sendJson(res, 503, { error: 'try_again', message: result.reason });
      }
    },
  };
}
