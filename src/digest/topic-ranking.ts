/**
 * A topic digest's candidates: the engine's hits for the topic, cut where the
 * matches stop being confident (search/confident-matches.ts).
 */
import { confidentOf, TOPIC_POOL } from '../search/confident-matches.js';
import type { PaperEngine, PaperHit } from '../search/engine-types.js';

export { RELATIVE_SCORE_FLOOR, TOPIC_POOL } from '../search/confident-matches.js';

/** The slice of the engine a digest needs. */
export type DigestEngine = Pick<PaperEngine, 'papers' | 'paper' | 'hit' | 'addedAt' | 'about'>;

/** Confident matches for `topic`, nearest first; empty when the engine flags the whole topic as low confidence. */
export async function rankTopic(engine: DigestEngine, topic: string): Promise<readonly PaperHit[]> {
  return confidentOf(await engine.about(topic, { k: TOPIC_POOL }));
}
