/** What a probe answers once the awaited thing has happened. */
export type Found<T> = Exclude<T, null | undefined | false | 0 | ''>;

/**
 * The one polling helper of the tests: calls `probe` until it answers something truthy and
 * returns that (background delivery and workers are asynchronous); fails naming `what` after
 * `timeoutMs`.
 */
export async function eventually<T>(probe: () => T | Promise<T>, what = 'the condition', timeoutMs = 8000): Promise<Found<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value as Found<T>;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
