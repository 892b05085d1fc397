/**
 * Interactions being handled right now, so shutdown can let their replies
 * finish — but only for a bounded time: a hung handler must not keep a
 * SIGTERM'd process alive.
 */
export class InFlight {
  readonly #tasks = new Set<Promise<void>>();

  get size(): number {
    return this.#tasks.size;
  }

  track(task: Promise<void>): void {
    this.#tasks.add(task);
    const forget = () => void this.#tasks.delete(task);
    task.then(forget, forget);
  }

  /** Resolves `true` when everything finished, `false` if `timeoutMs` ran out first. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.#tasks.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    });
    const done = Promise.allSettled([...this.#tasks]).then(() => true as const);
    try {
      return await Promise.race([done, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
