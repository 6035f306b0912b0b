/**
 * Chamado itself, as `npm start` runs it (startChamado, Slack on, background worker and
 * scheduler on), its Web API pointed at the bench's fake. Prints `listening <port>`.
 */
import type { AddressInfo } from 'node:net';
import { startChamado } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

async function main(): Promise<void> {
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...process.env });
  const log = createLogger(config.LOG_LEVEL);
  const app = await startChamado(config, log);
  app.server.keepAliveTimeout = 60_000;
  // The scale run reads each web request's server time from these lines (bench/scale/web-path.ts).
  if (process.env.BENCH_SERVER_TIMING) {
    app.server.prependListener('request', (req, res) => {
      const t0 = process.hrtime.bigint();
      res.once('finish', () => process.stderr.write(`timing ${req.method} ${req.url} ${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(3)}\n`));
    });
  }
  process.stdout.write(`listening ${(app.server.address() as AddressInfo).port}\n`);
  process.on('SIGTERM', () => {
    app.server.closeAllConnections();
    void app.stop().then(() => process.exit(0), () => process.exit(1));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`chamado-server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
