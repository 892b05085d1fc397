/**
 * Long loops on the thread that answers users give the event loop back
 * every few milliseconds, so a slash command never waits behind a big dump,
 * a catch-up or a batch of fetched papers.
 */

/** Slices this long keep a command's wait under ~10 ms however long the loop runs. */
export const SLICE_MS = 8;

/** Lets timers, I/O and other promises run before this one resumes. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Call `await slice()` once per item: it yields when the current slice has run `ms`. */
export function timeSlicer(ms = SLICE_MS): () => Promise<void> {
  let started = performance.now();
  return async () => {
    if (performance.now() - started <= ms) return;
    await yieldToLoop();
    started = performance.now();
  };
}
