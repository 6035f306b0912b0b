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
