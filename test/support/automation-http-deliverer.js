'use strict';

/**
 * A ChatDeliverer that sends every post to a FakeChatEndpoint over HTTP and classifies failures
 * the way the platform deliverers must: 5xx, timeouts and network errors are retryable, 429 is
 * retryable after Retry-After, any other refusal is final. Plain JS so the child instances of the
 * multi-instance test (plain Node processes) use the very same code as jest.
 */
function createHttpDeliverer({ url, platform, timeoutMs, DeliveryError, instance = null }) {
  return {
    platform,
    async deliver(post) {
      let res;
      try {
        res = await fetch(`${url}/post`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ id: post.id, orderingKey: post.orderingKey, kind: post.body.kind, ticketNumber: post.ticketNumber, body: post.body, instance }),
          signal: AbortSignal.timeout(timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(`request failed: ${error.message}`, true);
      }
      const answer = await res.json().catch(() => ({}));
      if (res.ok) return { status: 'sent', result: { ts: answer.ts } };
      if (res.status === 429) {
        const seconds = Number(res.headers.get('retry-after'));
        throw new DeliveryError('rate limited', true, Number.isFinite(seconds) ? seconds * 1000 : null);
      }
      if (res.status >= 500) throw new DeliveryError(`platform answered ${res.status}`, true);
      throw new DeliveryError(`platform refused the post: ${res.status} ${answer.error ?? ''}`, false);
    },
  };
}

module.exports = { createHttpDeliverer };
