/**
 * The digest service as commands see it: absent until the bot is connected
 * and the engine loaded (the state is read then), like EngineHolder.
 */
import type { DigestService } from '../../src/digest/digest-service.js';
import { ServiceHolder } from '../service-holder.js';

export const DIGESTS_STARTING = 'Digests are still starting up — try again in a few seconds.';

export class DigestHolder extends ServiceHolder<DigestService> {
  constructor() {
    super(DIGESTS_STARTING);
  }
}
