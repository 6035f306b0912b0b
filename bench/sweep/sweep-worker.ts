/**
 * One instance's sweep, a process of its own: the app's DataSource, store and core `sweep`.
 * Prints `ready`, waits for a line on stdin (so every instance starts at once), sweeps once
 * (the core loops in batches until nothing is due) and prints one JSON line.
 */
import { DataSource } from 'typeorm';
import { sweep } from '../../src/core/use-cases/sweep';
import { translate } from '../../src/i18n';
import { dataSourceOptions } from '../../src/persistence/data-source-options';
import { createStore } from '../../src/persistence/typeorm-store';

async function main(): Promise<void> {
  const { url, now } = JSON.parse(process.argv[2]) as { url: string; now: string };
  const ds = new DataSource(dataSourceOptions(url, { applicationName: 'chamado-bench-sweep' }));
  await ds.initialize();
  const deps = {
    store: createStore(ds),
    clock: { now: () => new Date(now) },
    settings: { defaultLocale: 'en' as const, reminderSteps: [86_400_000, 3 * 86_400_000], autoCloseAfterMs: 7 * 86_400_000, firstResponseSlaMs: 4 * 3_600_000 },
    translate,
  };
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  const t0 = Date.now();
  const report = await sweep(deps, new Date(now));
  const ms = Date.now() - t0;
  await ds.destroy();
  process.stdout.write(`${JSON.stringify({ ...report, ms, startedAt: t0, endedAt: t0 + ms })}\n`);
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stderr.write(`sweep-worker: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
