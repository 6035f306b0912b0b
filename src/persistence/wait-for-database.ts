import { Client } from 'pg';
import { redactedUrl, withoutSecrets } from '../config-rules';
import type { Logger } from '../logger';
import { StartError } from '../start-error';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 5_000;

/** Wrong credentials or a missing database do not fix themselves: waiting would only hide them. */
const isPermanent = (error: unknown) => {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && (code.startsWith('28') || code === '3D000');
};

const describe = (error: unknown) => withoutSecrets(error instanceof Error ? error.message || String((error as { code?: unknown }).code ?? error) : String(error));

/**
 * Connects once to `url`, retrying with backoff while the database does not answer (it is still
 * starting: docker compose, a reboot) for up to `waitMs`, with a log line per try.
 */
export async function waitForDatabase(url: string, waitMs: number, log: Logger, sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))): Promise<void> {
  const deadline = Date.now() + waitMs;
  const where = redactedUrl(url);
  for (let attempt = 1, delay = FIRST_DELAY_MS; ; attempt++, delay = Math.min(delay * 2, MAX_DELAY_MS)) {
    const client = new Client({ connectionString: url, connectionTimeoutMillis: Math.max(1_000, Math.min(MAX_DELAY_MS, deadline - Date.now())) });
    // A refused connection also surfaces as an 'error' event on some paths; the rejected connect() says it.
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.end();
      if (attempt > 1) log.info({ attempt, database: where }, 'the database answers now');
      return;
    } catch (error) {
      await client.end().catch(() => undefined);
      const reason = describe(error);
      if (isPermanent(error)) throw new StartError(`the database at ${where} refused the connection: ${reason}. Check DATABASE_URL.`);
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new StartError(`the database at ${where} did not answer within ${Math.round(waitMs / 1000)}s (${reason}). ` +
          'Start it, check DATABASE_URL, or wait longer with DATABASE_WAIT.');
      }
      const wait = Math.min(delay, left);
      log.warn({ attempt, retryInMs: wait, database: where, reason }, 'the database does not answer yet; trying again');
      await sleep(wait);
    }
  }
}
