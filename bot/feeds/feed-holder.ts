/**
 * The feed service as commands see it: what `/papers add` adds through and
 * what `/papers help` and `/papers new` report on. Empty until the engine is
 * open (the service needs its store), like EngineHolder.
 */
import type { FeedService, FeedStatus } from '../../src/feeds/feed-service.js';
import type { SourceHealth } from '../../src/feeds/source-health.js';
import { ServiceHolder } from '../service-holder.js';

export const FEEDS_STARTING = 'Adding papers is still starting up — try again in a few seconds.';

/** Where fetching stands, for help and empty answers. */
export type FeedsView =
  | { readonly kind: 'starting' }
  /** FEED_ENABLED=false: nothing is fetched on a schedule (`/papers add` still works). */
  | { readonly kind: 'disabled' }
  | { readonly kind: 'fetching'; readonly sources: readonly SourceView[] };

export interface SourceView extends FeedStatus {
  /** When the current outage began, as the HTTP client saw it; null while the source answers. */
  readonly downSince: string | null;
}

export class FeedHolder extends ServiceHolder<FeedService> {
  #fetching = false;
  #health: () => readonly SourceHealth[] = () => [];

  constructor() {
    super(FEEDS_STARTING);
  }

  /** `fetching`: whether the service also fetches on a schedule; `health`: the HTTP client's view of each upstream. */
  override set(service: FeedService | undefined, fetching = false, health: () => readonly SourceHealth[] = () => []): void {
    super.set(service);
    this.#fetching = service !== undefined && fetching;
    this.#health = health;
  }

  view(): FeedsView {
    const service = this.current;
    if (service === undefined) return { kind: 'starting' };
    if (!this.#fetching) return { kind: 'disabled' };
    const health = this.#health();
    return {
      kind: 'fetching',
      sources: service.status().map((status) => ({ ...status, downSince: health.find((h) => h.source === status.source)?.downSince ?? null })),
    };
  }
}
