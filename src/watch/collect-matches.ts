/**
 * Which new papers each user's watches match: for every active watch, the
 * engine's confident matches for its topic (the one rule topic digests and
 * `/papers new` use too), kept only when the paper is among the user's
 * candidates and entered the corpus after the watch was made. The second
 * test is what keeps a re-embedding of old papers (a new model, changed
 * texts) from being announced as news.
 */
import type { PaperEngine, PaperHit } from '../search/engine-types.js';
import type { WatchMatch } from './watch-notifier.js';
import type { Watch } from './watch-record.js';

/** The slice of the engine watches need. */
export type WatchEngine = Pick<PaperEngine, 'confidentMatches' | 'addedAt'>;

/**
 * Per user with anything to hear: the matching papers, each once (under the
 * first of the user's watches that matched it), in watch order and then
 * nearest first. Each distinct topic is ranked once however many watch it.
 */
export async function collectMatches(
  engine: WatchEngine,
  watches: readonly Watch[],
  candidatesOf: (userId: string) => ReadonlySet<string>,
): Promise<Map<string, WatchMatch[]>> {
  // Ranked among the new papers only: ranked against the whole corpus, a new paper on a broad topic ("language
  // models") comes after the 50 older ones that match it as well, and would never be announced.
  const addedFrom = earliestAdded(engine, watches, candidatesOf);
  const rankings = new Map<string, Promise<readonly PaperHit[]>>();
  const ranked = (topic: string): Promise<readonly PaperHit[]> => {
    const key = topic.toLowerCase();
    let ranking = rankings.get(key);
    if (ranking === undefined) {
      ranking = addedFrom === null ? Promise.resolve([]) : engine.confidentMatches(topic, { addedFrom });
      rankings.set(key, ranking);
    }
    return ranking;
  };
  const byUser = new Map<string, WatchMatch[]>();
  for (const watch of watches) {
    if (watch.status.kind !== 'active') continue;
    const candidates = candidatesOf(watch.userId);
    if (candidates.size === 0) continue;
    const since = Date.parse(watch.createdAt);
    const matches = byUser.get(watch.userId) ?? [];
    for (const hit of await ranked(watch.topic)) {
      if (!candidates.has(hit.id) || matches.some((match) => match.card.id === hit.id)) continue;
      const added = engine.addedAt(hit.id);
      if (added === undefined || added.getTime() < since) continue;
      matches.push({ watchId: watch.id, topic: watch.topic, card: hit });
    }
    if (matches.length > 0) byUser.set(watch.userId, matches);
  }
  return byUser;
}

/** When the earliest of the papers any active watch could hear about entered the corpus (null: none). */
function earliestAdded(engine: WatchEngine, watches: readonly Watch[], candidatesOf: (userId: string) => ReadonlySet<string>): string | null {
  let earliest: number | null = null;
  for (const userId of new Set(watches.filter((watch) => watch.status.kind === 'active').map((watch) => watch.userId))) {
    for (const id of candidatesOf(userId)) {
      const added = engine.addedAt(id)?.getTime();
      if (added !== undefined && (earliest === null || added < earliest)) earliest = added;
    }
  }
  return earliest === null ? null : new Date(earliest).toISOString();
}
