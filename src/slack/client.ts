import { webApi } from '@slack/bolt';
import type { Config } from '../config';
import type { Logger } from '../logger';
import { boltLogger } from './bolt-logger';

export type WebClient = InstanceType<typeof webApi.WebClient>;
export type WebClientOptions = NonNullable<ConstructorParameters<typeof webApi.WebClient>[1]>;

/**
 * The Web API client: no retries of its own (the outbox worker retries with backoff and
 * honours Retry-After), rate-limited calls rejected at once, and a timeout so a hung Slack
 * never holds a delivery forever.
 */
export function slackClientOptions(config: Config, log: Logger): WebClientOptions {
  return {
    slackApiUrl: config.SLACK_API_URL,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(log),
  };
}

export function createSlackClient(config: Config, log: Logger): WebClient {
  return new webApi.WebClient(config.SLACK_BOT_TOKEN, slackClientOptions(config, log));
}

/** The Slack error code of a failed call (`not_in_channel`, …), or null for non-platform errors. */
export function slackErrorCode(error: unknown): string | null {
  if (error && typeof error === 'object' && 'code' in error && error.code === webApi.ErrorCode.PlatformError) {
    const data = (error as { data?: { error?: unknown } }).data;
    return typeof data?.error === 'string' ? data.error : 'unknown_error';
  }
  return null;
}
