'use strict';
/**
 * One Chamado instance for the multi-instance tests: the compiled app (dist/, built by the test)
 * with its configuration from the environment, plus the delivery worker and the scheduler wired
 * to a test deliverer that posts to a fake chat endpoint (AUTOMATION_CHAT_URL). Test-only: the
 * AUTOMATION_* variables exist nowhere in src. Prints one JSON line `{"ready":…}` when running.
 */
const path = require('node:path');

const dist = path.resolve(__dirname, '../../dist/src');
const { startChamado } = require(path.join(dist, 'app.js'));
const { loadConfig } = require(path.join(dist, 'config.js'));
const { createLogger } = require(path.join(dist, 'logger.js'));
const { DeliveryError } = require(path.join(dist, 'outbox/delivery.js'));
const { startDeliveryWorker } = require(path.join(dist, 'outbox/worker.js'));
const { startScheduler } = require(path.join(dist, 'scheduler/scheduler.js'));
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
