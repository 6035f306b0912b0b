/**
 * The rows of a statement with RETURNING, however TypeORM answers it: an INSERT … RETURNING as the
 * rows, an UPDATE or DELETE … RETURNING as `[rows, affected]`.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (!Array.isArray(result)) return [];
  return (Array.isArray(result[0]) ? result[0] : result) as T[];
}
