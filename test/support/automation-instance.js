'use strict';
/**
 * One Chamado instance for the multi-instance tests: the app from its TypeScript sources
 * (transpiled on load by register-ts.js, as jest does) with its configuration from the environment, plus the delivery worker and the scheduler wired
 * to a test deliverer that posts to a fake chat endpoint (AUTOMATION_CHAT_URL). Test-only: the
 * AUTOMATION_* variables exist nowhere in src. Prints one JSON line `{"ready":…}` when running.
 */
require('./register-ts.js');
const { startChamado } = require('../../src/app.ts');
const { loadConfig } = require('../../src/config.ts');
const { createLogger } = require('../../src/logger.ts');
const { DeliveryError } = require('../../src/outbox/delivery.ts');
const { startDeliveryWorker } = require('../../src/outbox/worker.ts');
const { startScheduler } = require('../../src/scheduler/scheduler.ts');
const { createHttpDeliverer } = require('./automation-http-deliverer.js');

async function main() {
  const config = loadConfig(process.env);
  const log = createLogger(config.LOG_LEVEL);
  const app = await startChamado(config, log, { background: false });
  const deliverer = createHttpDeliverer({
    url: process.env.AUTOMATION_CHAT_URL,
    platform: 'slack',
    timeoutMs: Number(process.env.AUTOMATION_HTTP_TIMEOUT_MS || 1000),
    DeliveryError,
    instance: app.context.instanceId,
  });
  const tasks = [
    startDeliveryWorker(app.context, [deliverer], { pollMs: 100, leaseMs: Number(process.env.AUTOMATION_LEASE_MS || 3000), backoff: { baseMs: 100, maxMs: 1000 } }),
    startScheduler(app.context),
  ];
  process.stdout.write(`${JSON.stringify({ ready: true, instanceId: app.context.instanceId })}\n`);
  process.on('SIGTERM', () => {
    void Promise.all(tasks.map((t) => t.stop()))
      .then(() => app.stop())
      .finally(() => process.exit(0));
  });
}

main().catch((error) => {
  process.stderr.write(`automation instance failed: ${error.stack || error}\n`);
  process.exit(1);
});
