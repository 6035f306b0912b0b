import 'dotenv/config';
import { startChamado, type RunningApp } from './app';
import { ConfigError, loadConfig, type Config } from './config';
import { withoutSecrets } from './config-rules';
import { createLogger, type Logger } from './logger';
import { startSummary, startWarnings } from './start-summary';
import { StartError } from './start-error';

const STOP_WITHIN_MS = 15_000;

/** One line on stderr that never carries a secret's value. */
const cannotStart = (line: string) => process.stderr.write(`Chamado cannot start: ${withoutSecrets(line)}\n`);

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) cannotStart(problem);
    process.exit(1);
  }
}

/**
 * The process: config (fail fast, one sentence per variable), start, and a graceful stop on
 * SIGTERM/SIGINT, or when `npm start` (scripts/start.js), our parent, goes away.
 */
async function main(): Promise<void> {
  const config = configOrExit();
  const log: Logger = createLogger(config.LOG_LEVEL);
  for (const warning of startWarnings(config)) log.warn(warning.fields, warning.message);
  let app: RunningApp | null = null;
  let stopping = false;
  const shutdown = (reason: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: reason }, 'shutting down');
    const force = setTimeout(() => process.exit(1), STOP_WITHIN_MS);
    force.unref();
    // Before the app exists, the start itself sees `stopping` and stops what it started.
    if (!app) return;
    void app
      .stop()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  // scripts/start.js talks to us over IPC: if it dies without forwarding a signal, stop anyway.
  if (process.send) process.on('disconnect', () => shutdown('parent exited'));
  try {
    app = await startChamado(config, log);
  } catch (error) {
    const message = withoutSecrets(error instanceof Error ? error.message : String(error));
    const stack = error instanceof StartError || !(error instanceof Error) ? undefined : withoutSecrets(error.stack ?? '');
    log.fatal({ reason: message, stack }, 'Chamado could not start');
    cannotStart(message);
    process.exit(1);
  }
  if (stopping) {
    await app.stop();
    process.exit(0);
  }
  if (process.stdout.isTTY) process.stdout.write(`${startSummary(config, app)}\n`);
}

void main();
