/**
 * The watch service as commands see it: absent until the engine is open (its
 * watches live in the engine's store), like EngineHolder and DigestHolder.
 */
import type { WatchService } from '../../src/watch/watch-service.js';
import { ExpectedFailure } from '../expected-failure.js';

export const WATCHES_STARTING = 'Watches are still starting up — try again in a few seconds.';

export class WatchHolder {
  #service: WatchService | undefined;

  get current(): WatchService | undefined {
    return this.#service;
  }

  /** The service; throws the starting-up message as an expected failure until it is ready. */
  get(): WatchService {
    if (this.#service === undefined) throw new ExpectedFailure(WATCHES_STARTING);
    return this.#service;
  }

  set(service: WatchService | undefined): void {
    this.#service = service;
  }
}
