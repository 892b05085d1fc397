/**
 * The engine as the bot sees it: absent for the second or two it takes to
 * open the store and load the indexes (embedding goes on in the background
 * after that), then fixed for the life of the process. A command that
 * arrives in that second waits for it briefly instead of being turned away.
 */
import type { OpenedEngine } from '../src/search/create-engine.js';
import type { RefreshableEngine } from '../src/search/engine-types.js';
import { ExpectedFailure } from './expected-failure.js';

export const WARMING_UP = "I'm still starting up (opening the papers store) — try again in a few seconds.";

export class EngineHolder {
  #opened: OpenedEngine | undefined;
  #waiting: (() => void)[] = [];

  /** True once the engine is open. */
  get ready(): boolean {
    return this.#opened !== undefined;
  }

  /** The engine, or `undefined` while starting (autocomplete answers with no choices then). */
  get current(): RefreshableEngine | undefined {
    return this.#opened?.engine;
  }

  /** The engine with the store it was opened on (the digest service keeps its state there). */
  get opened(): OpenedEngine | undefined {
    return this.#opened;
  }

  /** The engine; throws the starting-up message as an expected failure while it is not open yet. */
  get(): RefreshableEngine {
    if (this.#opened === undefined) throw new ExpectedFailure(WARMING_UP);
    return this.#opened.engine;
  }

  set(opened: OpenedEngine): void {
    this.#opened = opened;
    for (const resolve of this.#waiting.splice(0)) resolve();
  }

  /** Resolves true as soon as the engine is open, or false after `timeoutMs`. */
  whenReady(timeoutMs: number): Promise<boolean> {
    if (this.ready) return Promise.resolve(true);
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      const timer = setTimeout(() => {
        this.#waiting = this.#waiting.filter((waiter) => waiter !== done);
        resolve(false);
      }, timeoutMs);
      this.#waiting.push(done);
    });
  }
}
