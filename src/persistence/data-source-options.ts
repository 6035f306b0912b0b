import type { DataSourceOptions } from 'typeorm';
import { MIGRATIONS } from '../../migrations';
import { ENTITIES } from './entities';

/**
 * Every statement is planned for the table as it is now. A plan Postgres keeps (prepared
 * statements, and the foreign-key checks behind every insert) is otherwise planned once, often
 * while the table is nearly empty, and kept until the table is next analysed: a key look-up became
 * a scan of 10,000 tickets when autovacuum was late or off (BENCHMARKS.md, mail in).
 */
const PLAN_NOW = '-c plan_cache_mode=force_custom_plan';

/**
 * The URL with our server options added to any it gives (`?options=-c search_path=…`): pg lets the
 * URL's `options` win over the pool's, so they go into the URL.
 */
function withPlanOption(url: string): { url: string; extra?: { options: string } } {
  try {
    const parsed = new URL(url);
    const own = parsed.searchParams.get('options');
    parsed.searchParams.set('options', own ? `${own} ${PLAN_NOW}` : PLAN_NOW);
    return { url: parsed.toString() };
  } catch {
    return { url, extra: { options: PLAN_NOW } };
  }
}

/** One set of options for the app, the tests and the migration CLI. */
export function dataSourceOptions(url: string, extra: { poolSize?: number; applicationName?: string } = {}): DataSourceOptions {
  return {
    type: 'postgres',
    ...withPlanOption(url),
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    logging: false,
    poolSize: extra.poolSize ?? 10,
    applicationName: extra.applicationName ?? 'chamado',
  };
}
