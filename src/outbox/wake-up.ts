import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

/** The channel the outbox insert trigger notifies (migration OutboxWakeUp). */
export const OUTBOX_CHANNEL = 'chamado_outbox';

export interface WakeUp {
  close(): Promise<void>;
}

/**
 * Holds one pooled connection on LISTEN so a committed post wakes the worker at once instead of
 * at the next poll. Polling stays on as the fallback (retries, leases, a lost connection), so a
 * failure here only costs latency: it is logged and the worker goes on.
 */
export async function listenForPosts(dataSource: DataSource, log: Logger, onWake: () => void): Promise<WakeUp | null> {
  const runner = dataSource.createQueryRunner();
  try {
    const client = (await runner.connect()) as PoolClient;
    client.on('notification', onWake);
    client.on('error', (error: Error) => log.warn({ err: error.message }, 'outbox LISTEN connection failed; polling only'));
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    return {
      close: async () => {
        client.off('notification', onWake);
        await client.query(`UNLISTEN ${OUTBOX_CHANNEL}`).catch(() => undefined);
        await runner.release();
      },
    };
  } catch (error) {
    log.warn({ err: error instanceof Error ? error.message : String(error) }, 'outbox LISTEN unavailable; polling only');
    await runner.release().catch(() => undefined);
    return null;
  }
}
