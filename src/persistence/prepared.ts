import type { EntityManager } from 'typeorm';

/** The slice of node-postgres' client this needs (TypeORM hands it out untyped). */
interface PgClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * Runs a hot-path statement as a named prepared statement on the transaction's connection, so
 * Postgres parses and plans it once per connection instead of on every call; TypeORM's `query`
 * sends the full text each time. Outside a transaction it falls back to `em.query`. Logged
 * through TypeORM's logger like any other query.
 */
export async function queryPrepared<T>(em: EntityManager, name: string, text: string, values: unknown[]): Promise<T[]> {
  const runner = em.queryRunner;
  if (!runner || runner.isReleased) return em.query(text, values);
  const client = (await runner.connect()) as PgClient;
  em.connection.logger.logQuery(text, values, runner);
  return (await client.query({ name, text, values })).rows as T[];
}
