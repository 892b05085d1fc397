/**
 * The real seeds as a digest engine, without the model: papers, lookups and
 * `addedAt`, for the tests of general digests (topic digests are tested
 * against the real engine). Some papers can be held back and released later,
 * as if a new dump had been dropped into the seeds directory.
 */
import { loadCorpus, type Paper } from '../../src/corpus/index.js';
import type { DigestEngine } from '../../src/digest/topic-ranking.js';
import { SEEDS_DIR } from '../corpus/seeds.js';

export interface CorpusEngine extends DigestEngine {
  /** Adds the held-back papers to the corpus, added at `at`; returns their ids. */
  release(at: Date): string[];
}

/** When every paper present from the start entered the corpus. */
export const INITIAL_LOAD = new Date('2026-01-01T00:00:00Z');

let cached: Promise<Paper[]> | undefined;

export async function seedPapers(): Promise<Paper[]> {
  cached ??= loadCorpus(SEEDS_DIR).then((load) => load.papers);
  return cached;
}

/** The real papers; the last `withhold` of them (in load order) appear only on `release()`. */
export async function corpusEngine(withhold = 0): Promise<CorpusEngine> {
  const all = await seedPapers();
  const papers = all.slice(0, all.length - withhold);
  const held = all.slice(all.length - withhold);
  const added = new Map<string, Date>(papers.map((p) => [p.id, INITIAL_LOAD]));
  return {
    get papers() {
      return papers;
    },
    paper: (id) => papers.find((p) => p.id === id),
    // The engine's summary needs the model; the first sentence-ish stands in for it here.
    hit(id) {
      const paper = papers.find((p) => p.id === id);
      if (paper === undefined) return undefined;
      const { title, url, authors, upvotes, codeLinks } = paper;
      return { id, title, url, authors, upvotes, codeLinks, score: 1, date: null, summary: paper.abstract.slice(0, 200) };
    },
    addedAt: (id) => added.get(id),
    about: () => Promise.reject(new Error('topic search needs the real engine')),
    release(at) {
      const released = held.splice(0);
      for (const p of released) {
        papers.push(p);
        added.set(p.id, at);
      }
      return released.map((p) => p.id);
    },
  };
}
