/**
 * The engine as the bot sees it: absent while it warms up (loading the model
 * and the index takes seconds), then fixed for the life of the process.
 */
import type { RefreshableEngine } from '../src/search/engine-types.js';
import { ExpectedFailure } from './expected-failure.js';

export const WARMING_UP = "I'm still warming up (loading the papers and the model) — try again in a few seconds.";

export class EngineHolder {
  #engine: RefreshableEngine | undefined;

  /** True once the engine has loaded. */
  get ready(): boolean {
    return this.#engine !== undefined;
  }

  /** The engine, or `undefined` while warming up (autocomplete answers with no choices then). */
  get current(): RefreshableEngine | undefined {
    return this.#engine;
  }

  /** The engine; throws the warming-up message as an expected failure while it is still loading. */
  get(): RefreshableEngine {
    if (this.#engine === undefined) throw new ExpectedFailure(WARMING_UP);
    return this.#engine;
  }

  set(engine: RefreshableEngine): void {
    this.#engine = engine;
  }
}
