/**
 * A background service as commands see it: absent until the engine is open
 * (the service lives on the engine's store), then the service itself. A
 * command that arrives before then is told, plainly, to try again.
 */
import { ExpectedFailure } from './expected-failure.js';

export class ServiceHolder<T> {
  #service: T | undefined;

  constructor(private readonly startingMessage: string) {}

  get current(): T | undefined {
    return this.#service;
  }

  /** The service; throws the starting-up message as an expected failure until it is ready. */
  get(): T {
    if (this.#service === undefined) throw new ExpectedFailure(this.startingMessage);
    return this.#service;
  }

  set(service: T | undefined): void {
    this.#service = service;
  }
}
