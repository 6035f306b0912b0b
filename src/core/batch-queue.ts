/**
 * Runs concurrent calls of one function together. While `concurrency` batches are in flight, the
 * calls that arrive wait; the next free turn takes all of them (up to `maxBatch`) as one batch. A
 * lone call under light load starts at once, so nothing waits for a timer.
 *
 * When a whole batch fails (one bad input, a deadlock, a failed commit), each of its inputs runs
 * again alone: a failure reaches only the caller whose input caused it.
 */
export interface BatchQueueOptions {
  /** Batches running at once. */
  concurrency: number;
  /** Most inputs in one batch. */
  maxBatch: number;
}

/** `run` answers one output per input, in the same order. */
export type BatchRunner<I, O> = (inputs: I[]) => Promise<O[]>;

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

export function batchQueue<I, O>(run: BatchRunner<I, O>, options: BatchQueueOptions): (input: I) => Promise<O> {
  const queue: Waiting<I, O>[] = [];
  let running = 0;

  const alone = (w: Waiting<I, O>): Promise<void> =>
    run([w.input]).then(([output]) => w.resolve(output), w.reject);

  async function runBatch(batch: Waiting<I, O>[]): Promise<void> {
    if (batch.length === 1) return alone(batch[0]);
    let outputs: O[];
    try {
      outputs = await run(batch.map((w) => w.input));
    } catch {
      await Promise.all(batch.map(alone));
      return;
    }
    batch.forEach((w, i) => w.resolve(outputs[i]));
  }

  function next(): void {
    while (running < options.concurrency && queue.length > 0) {
      running += 1;
      void runBatch(queue.splice(0, options.maxBatch)).finally(() => {
        running -= 1;
        next();
      });
    }
  }

  return (input: I) => new Promise<O>((resolve, reject) => {
    queue.push({ input, resolve, reject });
    next();
  });
}
