/**
 * The real seeds as a digest engine, without the model or a store: paper
 * summaries, lookups and `addedAt`, for the tests of general digests (topic
 * digests are tested against the real engine). Some papers can be held back
 * and released later, as if a new dump had been dropped into the seeds
 * directory.
 */
import { feedLinks } from '../../src/search/paper-hit.js';
import { loadCorpus, type Paper } from '../../src/corpus/index.js';
import type { DigestEngine } from '../../src/digest/topic-ranking.js';
import type { PaperHit } from '../../src/search/engine-types.js';
import type { PaperSummary, StoredPaper } from '../../src/store/store.js';
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

/** A seed paper as the store would hold it: labels in load order; nothing is embedded here, so the text hash is only a placeholder. */
function stored(paper: Paper, index: number, addedAt: Date): StoredPaper {
  return { ...paper, label: index + 1, addedAt, textHash: `unembedded-${paper.id}` };
}

/** What the engine keeps in memory of a paper: everything but its abstract and sources. */
function summary(p: StoredPaper): PaperSummary {
  return {
    id: p.id,
    title: p.title,
    authors: p.authors,
    date: p.date,
    upvotes: p.upvotes,
    codeLinks: p.codeLinks,
    url: p.url,
    arxivId: p.arxivId,
    dailyDate: p.dailyDate,
    label: p.label,
    addedAt: p.addedAt,
    textHash: p.textHash,
  };
}

/** The real papers; the last `withhold` of them (in load order) appear only on `release()`. */
export async function corpusEngine(withhold = 0): Promise<CorpusEngine> {
  const all = (await seedPapers()).map((paper, i) => stored(paper, i, INITIAL_LOAD));
  const present = all.slice(0, all.length - withhold);
  const held = all.slice(all.length - withhold);
  const papers = present.map(summary);
  const byId = new Map(present.map((p) => [p.id, p]));
  return {
    get papers() {
      return papers;
    },
    paper: async (id) => byId.get(id),
    // The engine's summary needs the model; the first sentence-ish stands in for it here.
    async hit(id): Promise<PaperHit | undefined> {
      const paper = byId.get(id);
      if (paper === undefined) return undefined;
      const { title, url, date, authors, upvotes, codeLinks } = paper;
      return { id, title, url, date, authors, upvotes, codeLinks, ...feedLinks(paper), score: 1, summary: paper.abstract.slice(0, 200) };
    },
    addedAt: (id) => byId.get(id)?.addedAt,
    about: () => Promise.reject(new Error('topic search needs the real engine')),
    release(at) {
      const released = held.splice(0).map((p) => ({ ...p, addedAt: at }));
      for (const p of released) {
        byId.set(p.id, p);
        papers.push(summary(p));
      }
      return released.map((p) => p.id);
    },
  };
}
