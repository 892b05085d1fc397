/**
 * The digest service as commands see it: absent until the bot is connected
 * and the engine loaded (the state file is read then), like EngineHolder.
 */
import type { DigestService } from '../../src/digest/digest-service.js';
import { ExpectedFailure } from '../expected-failure.js';

export const DIGESTS_STARTING = 'Digests are still starting up — try again in a few seconds.';

export class DigestHolder {
  #service: DigestService | undefined;

  get current(): DigestService | undefined {
    return this.#service;
  }

  /** The service; throws the starting-up message as an expected failure until it is ready. */
  get(): DigestService {
    if (this.#service === undefined) throw new ExpectedFailure(DIGESTS_STARTING);
    return this.#service;
  }

  set(service: DigestService | undefined): void {
    this.#service = service;
  }
}
