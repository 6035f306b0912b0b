import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../logger';

/** Bolt and the Web API client log through our pino logger (structured, secrets redacted). */
export function boltLogger(log: Logger): BoltLogger {
  const child = log.child({ platform: 'slack', component: 'bolt' });
  let level: LogLevel = LogLevel.INFO;
  const join = (msgs: unknown[]) => msgs.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ');
  return {
    debug: (...msgs) => child.debug(join(msgs)),
    info: (...msgs) => child.debug(join(msgs)),
    warn: (...msgs) => child.warn(join(msgs)),
    error: (...msgs) => child.error(join(msgs)),
    setLevel: (l) => { level = l; },
    getLevel: () => level,
    setName: () => undefined,
  };
}
