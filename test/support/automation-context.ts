import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config';
import type { AppContext } from '../../src/context';
import type { OutboundPost, Platform } from '../../src/core';
import { translate } from '../../src/i18n';
import { createLogger } from '../../src/logger';
import { DeliveryError } from '../../src/outbox/delivery';
import { createOutboxQueue } from '../../src/persistence/wiring';
import { createHttpDeliverer } from './automation-http-deliverer';
import type { TestDatabase } from './database';

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** An AppContext on a test database with the real clock and a log the test can read. */
export function automationContext(db: TestDatabase, instanceId: string): { context: AppContext; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  const config = loadConfig({ DATABASE_URL: db.url });
  const context: AppContext = {
    config,
    log: createLogger('debug', sink),
    deps: {
      store: db.store,
      clock: { now: () => new Date() },
      translate,
      settings: { defaultLocale: 'en', reminderSteps: config.PENDING_REMINDER_AFTER, autoCloseAfterMs: config.PENDING_AUTO_CLOSE_AFTER, firstResponseSlaMs: config.FIRST_RESPONSE_SLA },
    },
    platformRecords: db.records,
    outboxQueue: createOutboxQueue(db.dataSource, instanceId),
    instanceId,
  };
  return { context, logs };
}

export const httpDeliverer = (url: string, timeoutMs = 300, platform: Platform = 'slack') => createHttpDeliverer({ url, platform, timeoutMs, DeliveryError });

/** A thread notice for thread `key`, numbered so order can be checked. */
export function notice(key: string, seq: number, kind: 'ticket_card' | 'thread_notice' = 'thread_notice'): OutboundPost {
  const ticketId = `00000000-0000-0000-0000-${key.padStart(12, '0')}`;
  return {
    workspaceId: 'slack:T1',
    platform: 'slack',
    orderingKey: `ticket:${ticketId}`,
    ticketNumber: Number(key),
    body: kind === 'ticket_card' ? { kind, ticketId } : { kind, ticketId, notice: { key: 'notices.status_changed_auto', params: { number: Number(key), seq, status: 'open' }, locale: 'en' } },
  };
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
