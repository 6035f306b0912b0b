import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';
import { batchQueue, type BatchQueueOptions } from '../core/batch-queue';

/**
 * Group commit: while every transaction slot is busy, the transactions that arrive queue up, and
 * the next free slot runs all of them one after the other inside ONE database transaction, with
 * one commit. Each caller's promise settles only after that commit, so what a caller is told is
 * stored is on disk, as before. Under light load every transaction runs alone. If any of a batch
 * fails, nothing of it is kept and each runs again alone (batch-queue.ts).
 */
type Work = (em: EntityManager) => Promise<unknown>;

export function groupCommit(dataSource: DataSource, options: BatchQueueOptions): <T>(work: (em: EntityManager) => Promise<T>) => Promise<T> {
  const insideWork = new AsyncLocalStorage<true>();
  const enqueue = batchQueue<Work, unknown>(
    (works) => dataSource.transaction((em) => insideWork.run(true, async () => {
      const results: unknown[] = [];
      for (const work of works) results.push(await work(em));
      return results;
    })),
    options,
  );
  return <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
    // A transaction opened from inside another one's work must not wait for a slot its caller holds.
    if (insideWork.getStore()) return dataSource.transaction(work);
    return enqueue(work) as Promise<T>;
  };
}
