import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Group commit: while every transaction slot is busy, the transactions that arrive queue up, and
 * the next free slot runs all of them (up to `maxBatch`) one after the other inside ONE database
 * transaction, with one commit. Each caller's promise settles only after that commit, so what a
 * caller is told is stored is on disk, as before. Under light load every transaction runs alone,
 * exactly as without this.
 *
 * If any transaction of a batch fails (its own error, a deadlock, a failed commit), nothing of the
 * batch is kept and each of them runs again on its own, so a failure reaches only its own caller
 * and the others succeed as they would have alone.
 */
export interface GroupCommitOptions {
  /** Transactions running at once (each holds one pooled connection). */
  slots: number;
  /** Most transactions committed together. */
  maxBatch: number;
}

interface Pending {
  work: (em: EntityManager) => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export function groupCommit(dataSource: DataSource, options: GroupCommitOptions): <T>(work: (em: EntityManager) => Promise<T>) => Promise<T> {
  const queue: Pending[] = [];
  const insideWork = new AsyncLocalStorage<true>();
  let running = 0;

  const alone = (p: Pending) =>
    dataSource.transaction((em) => insideWork.run(true, () => p.work(em))).then(p.resolve, p.reject);

  async function runBatch(batch: Pending[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]);
    const results: unknown[] = [];
    try {
      await dataSource.transaction((em) => insideWork.run(true, async () => {
        for (const p of batch) results.push(await p.work(em));
      }));
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((p, i) => p.resolve(results[i]));
  }

  function kick(): void {
    while (running < options.slots && queue.length > 0) {
      const batch = queue.splice(0, options.maxBatch);
      running += 1;
      void runBatch(batch).finally(() => {
        running -= 1;
        kick();
      });
    }
  }

  return <T>(work: (em: EntityManager) => Promise<T>): Promise<T> => {
    // A transaction opened from inside another one's work must not wait for a slot its caller holds.
    if (insideWork.getStore()) return dataSource.transaction(work);
    return new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (v: unknown) => void, reject });
      kick();
    });
  };
}
