/**
 * Per-call latency of the engine's queries on a warm engine. Each workload
 * runs once to warm up (JIT, the model's first inferences), then `reps`
 * times timed, interleaved so a slow moment of the machine does not hit one
 * item's every call; every call is one sample.
 */
import type { Embedder } from '../../src/embedding/embedder.js';
import type { PaperEngine } from '../../src/search/engine-types.js';
import { ABOUT_QUERIES, ASK_QUESTIONS, SUGGEST_WORDS, TITLE_QUERIES, prefixesOf } from './queries.js';
import { fmt, median, round, summariseRepeated, type RepeatedSummary } from './stats.js';

export interface Slow {
  readonly item: string;
  readonly ms: number;
}

export interface QueryLatency {
  readonly about: RepeatedSummary;
  readonly ask: RepeatedSummary;
  readonly title: RepeatedSummary;
  readonly suggest: RepeatedSummary;
  readonly similar: RepeatedSummary;
  /** The items with the highest median time, per kind of call. */
  readonly slowest: Readonly<Record<'about' | 'title' | 'suggest', readonly Slow[]>>;
  readonly workload: Readonly<Record<string, { readonly distinct: number; readonly reps: number }>>;
}

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

const FULL_REPS = { about: 5, ask: 3, title: 10, suggest: 10, similar: 5 };
const QUICK_REPS = { about: 3, ask: 1, title: 3, suggest: 3, similar: 3 };

const slowest = (items: readonly string[], samples: readonly number[][]): Slow[] =>
  items
    .map((item, i) => ({ item, ms: round(median(samples[i]!), 2) }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 5);

/** About 30 papers spread over the corpus, whatever its size. */
const spread = <T>(items: readonly T[], count = 30): T[] => items.filter((_, i) => i % Math.max(1, Math.floor(items.length / count)) === 0).slice(0, count);

/** A typo in the middle of the text: two neighbouring letters swapped. */
function misspelt(text: string): string {
  const i = Math.floor(text.length / 2);
  return text.slice(0, i) + text.charAt(i + 1) + text.charAt(i) + text.slice(i + 2);
}

/** Title lookups for a synthetic corpus: whole titles, their first words, misspelt ones, an id, and one that exists nowhere. */
function sampledTitles(engine: PaperEngine): string[] {
  const titles = spread(engine.papers, 6).map((paper) => paper.title);
  const firstWords = titles.map((title) => title.split(' ').slice(0, 3).join(' '));
  return [...titles, ...firstWords, ...titles.map(misspelt), engine.papers[0]?.id ?? '', 'a paper about cats that does not exist'];
}

/**
 * `titles`: the hand-written lookups of the seeds (`seeds`), or ones made
 * from the corpus' own titles (`sampled`, for the synthetic store).
 */
export async function runWorkload(engine: PaperEngine, titles: 'seeds' | 'sampled', quick: boolean): Promise<QueryLatency> {
  const sample = spread(engine.papers);
  const prefixes = [...prefixesOf(sample.map((paper) => paper.title.toLowerCase())), ...prefixesOf(SUGGEST_WORDS)];
  const titleQueries = titles === 'seeds' ? TITLE_QUERIES : sampledTitles(engine);
  const paperIds = sample.map((paper) => paper.id);
  const reps = quick ? QUICK_REPS : FULL_REPS;

  process.stderr.write(`  queries: about ${ABOUT_QUERIES.length} × ${reps.about}, ask ${ASK_QUESTIONS.length} × ${reps.ask}, ` +
    `title ${titleQueries.length} × ${reps.title}, suggest ${prefixes.length} × ${reps.suggest}, similar ${paperIds.length} × ${reps.similar}\n`);
  const about = await timeCalls(ABOUT_QUERIES, reps.about, (q) => engine.about(q));
  const ask = await timeCalls(ASK_QUESTIONS, reps.ask, (q) => engine.ask(q));
  const title = await timeCalls(titleQueries, reps.title, (q) => engine.title(q));
  const suggest = await timeCalls(prefixes, reps.suggest, (p) => engine.suggest(p));
  const similar = await timeCalls(paperIds, reps.similar, (id) => engine.similar(id));

  return {
    about: summariseRepeated(about),
    ask: summariseRepeated(ask),
    title: summariseRepeated(title),
    suggest: summariseRepeated(suggest),
    similar: summariseRepeated(similar),
    slowest: { about: slowest(ABOUT_QUERIES, about), title: slowest(titleQueries, title), suggest: slowest(prefixes, suggest) },
    workload: {
      about: { distinct: ABOUT_QUERIES.length, reps: reps.about },
      ask: { distinct: ASK_QUESTIONS.length, reps: reps.ask },
      title: { distinct: titleQueries.length, reps: reps.title },
      suggest: { distinct: prefixes.length, reps: reps.suggest },
      similar: { distinct: paperIds.length, reps: reps.similar },
    },
  };
}

/** The model's share of `about`: the same queries embedded alone (call it after the RSS readings if it loads a second model). */
export async function timeEmbedQuery(model: Embedder, quick: boolean): Promise<RepeatedSummary> {
  return summariseRepeated(await timeCalls(ABOUT_QUERIES, (quick ? QUICK_REPS : FULL_REPS).about, (q) => model.embedQuery(q)));
}

/** One line per kind of call: per-query medians first (the figures judged), every call in brackets. */
export function printLatency(name: string, s: RepeatedSummary): void {
  console.log(`  ${name.padEnd(20)} p50 ${fmt(s.itemMedianP50)} ms  p99 ${fmt(s.itemMedianP99)} ms   (all ${s.n} calls: p50 ${fmt(s.p50)}, p99 ${fmt(s.p99)}, max ${fmt(s.max)})`);
}

export function printSlowest(slowest: QueryLatency['slowest']): void {
  for (const [kind, items] of Object.entries(slowest)) {
    console.log(`  slowest ${kind}: ${items.map((s) => `"${s.item.slice(0, 40)}" ${fmt(s.ms)} ms`).join('; ')}`);
  }
}
