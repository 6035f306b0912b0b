import { DataSource } from 'typeorm';
import type { Config } from './config';
import type { Logger } from './logger';
import { dataSourceOptions } from './persistence/data-source-options';
import { startEmbeddedPostgres } from './persistence/embedded-postgres';
import { waitForDatabase } from './persistence/wait-for-database';

export interface Database {
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * DATABASE_URL when set (waited for up to DATABASE_WAIT), else an embedded Postgres in DATA_DIR;
 * migrations run before anything else.
 */
export async function openDatabase(config: Config, log: Logger): Promise<Database> {
  if (config.DATABASE_URL) await waitForDatabase(config.DATABASE_URL, config.DATABASE_WAIT, log);
  const embedded = config.DATABASE_URL ? null : await startEmbeddedPostgres(config.DATA_DIR, log);
  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL ?? embedded!.url));
  try {
    await dataSource.initialize();
    const applied = await dataSource.runMigrations();
    if (applied.length > 0) log.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } catch (error) {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
    throw error;
  }
  return {
    dataSource,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await embedded?.stop();
    },
  };
}
