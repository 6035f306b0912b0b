import { schedule, type Logger as CronLogger } from 'node-cron';
import type { AppContext, BackgroundTask } from '../context';
import { purgeWebSignIns, sweep } from '../core';

/** node-cron's own messages (missed runs, overlaps) go to our structured log, never the console. */
function cronLogger(context: AppContext): CronLogger {
  const log = context.log.child({ component: 'scheduler' });
  return {
    info: (message) => log.debug(message),
    warn: (message) => log.warn(message),
    error: (message, err) => log.error({ err: err ?? message }, String(message)),
    debug: (message) => log.trace(String(message)),
  };
}

/**
 * The scheduler is a trigger, not a brain: on every SCHEDULER_CRON tick it runs the core sweep,
 * then the web area's housekeeping (expired sessions and sign-in links).
 * `noOverlap` only spares this process a second concurrent sweep; across instances the
 * database's row claims decide who acts on each ticket.
 */
export function startScheduler(context: AppContext, expression = context.config.SCHEDULER_CRON): BackgroundTask {
  let running: Promise<void> = Promise.resolve();
  const run = async () => {
    const started = Date.now();
    try {
      const now = context.deps.clock.now();
      const report = await sweep(context.deps, now);
      const purged = await purgeWebSignIns(context.deps, now);
      context.log.debug({ ...report, purgedSessions: purged.sessions, purgedLinks: purged.tokens, ms: Date.now() - started }, 'sweep done');
    } catch (error) {
      context.log.error({ err: error, ms: Date.now() - started }, 'sweep failed; the next tick tries again');
    }
  };
  const task = schedule(expression, () => {
    running = run();
    return running;
  }, { name: 'chamado-sweep', noOverlap: true, logger: cronLogger(context) });
  return {
    stop: async () => {
      await task.destroy();
      await running;
    },
  };
}
