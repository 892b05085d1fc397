/**
 * One day of Hugging Face Daily Papers (50 papers) fetched, stored, embedded
 * with the real model and searchable, on a scratch copy of the bundled store:
 * the feed service the bot runs, against the local fake upstream (test/) on
 * 127.0.0.1 serving that day. Each paper has a seeds-shaped synthetic
 * abstract, so the model does a real day's work.
 */
import path from 'node:path';
import { loadCorpus } from '../../src/corpus/load-corpus.js';
import { FeedService } from '../../src/feeds/feed-service.js';
import { openEngine } from '../../src/search/create-engine.js';
import { FakeUpstream } from '../../test/fake-upstream/fake-upstream.js';
import { BENCH_ROOT, benchConfig, benchLogger, SEEDS_DIR } from './bench-env.js';
import { scratchCopy } from './scratch-store.js';
import { round } from './stats.js';
import { corpusModel, syntheticEntries } from './synthetic-corpus.js';

export interface FeedDay {
  readonly papers: number;
  /** Request sent → the day's papers stored (searchable by their words). */
  readonly storedMs: number;
  /** Papers stored → every one embedded and in the vector index. */
  readonly embeddedMs: number;
  /** Request sent → every paper embedded, so searched with semantic vectors (checked: each found by its title). */
  readonly searchableMs: number;
  readonly texts: number;
}

const DAY = '2026-11-30';
const PAPERS = 50;

/** The day's listing in Hugging Face's shape, from synthetic seeds-shaped papers. */
async function dayListing(): Promise<{ items: unknown[]; titles: string[]; texts: number }> {
  const entries = syntheticEntries(corpusModel((await loadCorpus(SEEDS_DIR)).papers), PAPERS, 20_261_130);
  const items = entries.map((entry, i) => ({
    paper: {
      id: `2611.${String(90_000 + i)}`,
      title: entry.title,
      summary: entry.abstract,
      authors: [{ name: 'A. Author', hidden: false }],
      publishedAt: `${DAY}T08:00:00.000Z`,
      submittedOnDailyAt: `${DAY}T12:00:00.000Z`,
      upvotes: 50 - i,
    },
    title: entry.title,
    publishedAt: `${DAY}T08:00:00.000Z`,
  }));
  // What the model embeds per paper: the document and each abstract sentence (about 10).
  const texts = entries.reduce((n, entry) => n + 1 + entry.abstract.split(/(?<=[.!?])\s+/).length, 0);
  return { items, titles: entries.map((entry) => entry.title), texts };
}

export async function measureFeedDay(dataDir: string): Promise<FeedDay> {
  const scratch = await scratchCopy(dataDir, path.join(BENCH_ROOT, 'feed-day'));
  const upstream = await FakeUpstream.start({ lifetimeMs: 15 * 60_000 });
  try {
    const { items, titles, texts } = await dayListing();
    upstream.setDay(DAY, items);
    const config = { ...benchConfig(scratch.dataDir), HF_API_BASE: upstream.baseUrl, ARXIV_API_BASE: upstream.baseUrl };
    const logger = benchLogger(config);
    const { engine, store } = await openEngine(config, logger, { processKind: 'bench' });
    try {
      await engine.indexed();
      const settings = { hfApiBase: upstream.baseUrl, arxivApiBase: upstream.baseUrl, backfillDays: 1, intervalMinutes: 60, arxivCategories: [] };
      const feeds = new FeedService({ engine, repository: store.feeds, settings, logger });
      await feeds.load();
      const started = performance.now();
      const [report] = await feeds.fetchDays([DAY]);
      const stored = performance.now();
      if (report === undefined || report.error !== null || report.added.length !== PAPERS) {
        throw new Error(`Expected ${PAPERS} new papers, got ${report?.added.length ?? 0} (${report?.error?.message ?? 'no error'})`);
      }
      await engine.indexed();
      const embedded = performance.now();
      for (const title of titles) {
        const response = await engine.about(title, { k: 3 });
        if (response.indexing !== null || !response.results.some((hit) => hit.title === title)) throw new Error(`Not found with vectors: ${title}`);
      }
      return { papers: PAPERS, storedMs: round(stored - started, 1), embeddedMs: round(embedded - stored, 1), searchableMs: round(embedded - started, 1), texts };
    } finally {
      await engine.close();
    }
  } finally {
    await upstream.close();
    await scratch.remove();
  }
}
