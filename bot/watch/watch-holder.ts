/**
 * The watch service as commands see it: absent until the engine is open (its
 * watches live in the engine's store), like EngineHolder and DigestHolder.
 */
import type { WatchService } from '../../src/watch/watch-service.js';
import { ServiceHolder } from '../service-holder.js';

export const WATCHES_STARTING = 'Watches are still starting up — try again in a few seconds.';

export class WatchHolder extends ServiceHolder<WatchService> {
  constructor() {
    super(WATCHES_STARTING);
  }
}
