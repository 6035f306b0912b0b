import { DeliveryError } from '../outbox/delivery';

interface HttpishError {
  statusCode?: number;
  code?: string;
  response?: { status?: number; headers?: { get?(name: string): string | undefined | null } | Record<string, string> };
  message?: string;
}

function retryAfterMs(error: HttpishError): number | null {
  const headers = error.response?.headers;
  if (!headers) return null;
  const raw = typeof headers.get === 'function' ? headers.get('retry-after') : (headers as Record<string, string>)['retry-after'];
  if (!raw) return null;
  const seconds = Number(raw);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/**
 * The Bot Connector's answer, in the worker's terms: 5xx, 429 (with its Retry-After) and
 * network failures may be retried; any other 4xx means Teams refused the post, so never again.
 */
export function toDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const e = (error ?? {}) as HttpishError;
  const status = e.statusCode ?? e.response?.status;
  const message = `teams: ${status ?? e.code ?? 'network'} ${String(e.message ?? error).slice(0, 300)}`;
  if (status === undefined) return new DeliveryError(message, true);
  if (status === 429) return new DeliveryError(message, true, retryAfterMs(e));
  return new DeliveryError(message, status >= 500 || status === 408, retryAfterMs(e));
}
