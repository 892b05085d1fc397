/**
 * Section 3: per-call latency of the engine's queries on a warm engine in
 * this process. Each workload runs once to warm up (JIT, the model's first
 * inferences), then `reps` times timed; every call is one sample.
 */
import { createEmbedder, createEngine } from '../../src/search/create-engine.js';
import type { PaperEngine } from '../../src/search/engine-types.js';
import { benchConfig, benchLogger } from './bench-env.js';
import { ABOUT_QUERIES, ASK_QUESTIONS, SUGGEST_WORDS, TITLE_QUERIES, prefixesOf } from './queries.js';
import { median, round, rssMib, summariseRepeated, type RepeatedSummary } from './stats.js';

export interface QueryLatency {
  readonly createEngineMs: number;
  readonly rssAfterStartMib: number;
  readonly rssAfterQueriesMib: number;
  readonly about: RepeatedSummary;
  readonly ask: RepeatedSummary;
  readonly title: RepeatedSummary;
  readonly suggest: RepeatedSummary;
  readonly similar: RepeatedSummary;
  /** The model's share of `about`: embedding the same queries alone (a second model instance, loaded after the RSS readings). */
  readonly embedQuery: RepeatedSummary;
  /** The `about` queries with the highest median time. */
  readonly slowestAbout: readonly { readonly query: string; readonly ms: number }[];
  readonly workload: Readonly<Record<string, { readonly distinct: number; readonly reps: number }>>;
}

/**
 * One warm-up pass, then `reps` timed passes over all items (interleaved, so
 * a slow moment of the machine does not hit one item's every call).
 * Returns each item's call times.
 */
async function timeCalls<T>(items: readonly T[], reps: number, call: (item: T) => unknown): Promise<number[][]> {
  for (const item of items) await call(item);
  const samples = items.map((): number[] => []);
  for (let rep = 0; rep < reps; rep++) {
    for (const [i, item] of items.entries()) {
      const started = performance.now();
      await call(item);
      samples[i]!.push(performance.now() - started);
    }
  }
  return samples;
}

/** Every seventh paper: a spread over the corpus without depending on its exact size. */
const sample = <T>(items: readonly T[]): T[] => items.filter((_, i) => i % 7 === 0);

export async function measureQueryLatency(dataDir: string, quick: boolean): Promise<QueryLatency> {
  const config = benchConfig(dataDir);
  const started = performance.now();
  const engine: PaperEngine = await createEngine(config, benchLogger(config));
  const createEngineMs = round(performance.now() - started, 1);
  const rssAfterStartMib = rssMib();

  const prefixes = [...prefixesOf(sample(engine.papers).map((paper) => paper.title.toLowerCase())), ...prefixesOf(SUGGEST_WORDS)];
  const paperIds = sample(engine.papers).map((paper) => paper.id);
  const reps = quick ? { about: 3, ask: 1, title: 3, suggest: 3, similar: 3 } : { about: 5, ask: 3, title: 10, suggest: 10, similar: 5 };

  console.log(`  about: ${ABOUT_QUERIES.length} queries × ${reps.about}`);
  const about = await timeCalls(ABOUT_QUERIES, reps.about, (q) => engine.about(q));
  console.log(`  ask: ${ASK_QUESTIONS.length} questions × ${reps.ask}`);
  const ask = await timeCalls(ASK_QUESTIONS, reps.ask, (q) => engine.ask(q));
  const title = await timeCalls(TITLE_QUERIES, reps.title, (q) => engine.title(q));
  const suggest = await timeCalls(prefixes, reps.suggest, (p) => engine.suggest(p));
  const similar = await timeCalls(paperIds, reps.similar, (id) => engine.similar(id));

  const rssAfterQueriesMib = rssMib();
  const embedder = await createEmbedder(config);
  const embedQuery = await timeCalls(ABOUT_QUERIES, reps.about, (q) => embedder.embedQuery(q));
  const slowestAbout = ABOUT_QUERIES.map((query, i) => ({ query, ms: round(median(about[i]!), 1) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);

  return {
    createEngineMs,
    rssAfterStartMib,
    rssAfterQueriesMib,
    about: summariseRepeated(about),
    ask: summariseRepeated(ask),
    title: summariseRepeated(title),
    suggest: summariseRepeated(suggest),
    similar: summariseRepeated(similar),
    embedQuery: summariseRepeated(embedQuery),
    slowestAbout,
    workload: {
      about: { distinct: ABOUT_QUERIES.length, reps: reps.about },
      ask: { distinct: ASK_QUESTIONS.length, reps: reps.ask },
      title: { distinct: TITLE_QUERIES.length, reps: reps.title },
      suggest: { distinct: prefixes.length, reps: reps.suggest },
      similar: { distinct: paperIds.length, reps: reps.similar },
    },
  };
}
