/**
 * `npm run eval`: retrieval quality on the hand-judged set (test/eval/eval-set.json)
 * for BM25-only, dense-only and hybrid ranking, with and without bge's query
 * instruction. Prints one markdown table per split: dev (the engine was tuned
 * on it) and test (held out — the figures to quote).
 */
import { loadCorpus } from '../src/corpus/load-corpus.js';
import { loadEngineConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { progressReporter } from '../src/progress.js';
import { createEmbedder, createEngine } from '../src/search/create-engine.js';
import type { RankMode } from '../src/search/rank.js';
import { QUERY_KINDS, SPLITS, loadEvalSet, selectQueries, type Split } from '../test/eval/eval-set.js';
import { SINGLE_TOP, evaluateSplits, type Count, type EvalReport, type RankedKind, type RankingFigures } from '../test/eval/run-eval.js';

const config = loadEngineConfig();
const logger = createLogger(config.LOG_LEVEL ?? 'warn');
const onProgress = progressReporter(createLogger('info'));
const queries = loadEvalSet((await loadCorpus(config.SEEDS_DIR)).papers);

const RANKED_COLUMNS: readonly RankedKind[] = ['single', 'broad', 'keyword', 'code', 'title', 'fact'];
const fmt = (n: number) => n.toFixed(3);
const pair = (f: RankingFigures | undefined) => (f === undefined ? '–' : `${fmt(f.ndcg)} / ${fmt(f.recall)}`);
const count = ({ hits, total }: Count) => `${hits}/${total}`;

interface Row {
  readonly label: string;
  readonly instruction: string;
  readonly reports: Record<Split, EvalReport>;
}

const rows: Row[] = [];
for (const instruction of [true, false]) {
  const embedder = await createEmbedder(config, logger, instruction);
  const modes: RankMode[] = instruction ? ['lexical', 'dense', 'rrf', 'hybrid'] : ['dense', 'hybrid'];
  for (const mode of modes) {
    const engine = await createEngine(config, logger, { embedder, mode, onProgress });
    const label = { lexical: 'BM25 only', dense: 'dense only', rrf: 'hybrid, rank fusion (RRF)', hybrid: 'hybrid, score fusion' }[mode];
    rows.push({ label, instruction: mode === 'lexical' ? '–' : instruction ? 'yes' : 'no', reports: await evaluateSplits(engine, queries) });
    await engine.close();
  }
  await embedder.close();
}

for (const split of SPLITS) {
  const own = selectQueries(queries, { split });
  const sizes = QUERY_KINDS.map((kind) => `${kind} ${selectQueries(own, { kind }).length}`).join(', ');
  console.log(`\n### ${split} split — ${own.length} queries (${sizes})\n`);
  console.log('nDCG@10 / recall@10 per kind; "flagged" = lowConfidence.\n');
  const kindHeads = RANKED_COLUMNS.join(' | ');
  console.log(`| ranking | query instruction | topic | ${kindHeads} | single in top ${SINGLE_TOP} | none flagged | answerable flagged | title top-1 | fact quoted |`);
  console.log(`|---|---|---|${RANKED_COLUMNS.map(() => '---|').join('')}---|---|---|---|---|`);
  for (const { label, instruction, reports } of rows) {
    const r = reports[split];
    const kinds = RANKED_COLUMNS.map((kind) => pair(r.byKind[kind])).join(' | ');
    const behaviour = [r.singleTop, r.noneFlagged, r.wronglyFlagged, r.titleTop1, r.factQuoted].map(count).join(' | ');
    console.log(`| ${label} | ${instruction} | ${pair(r.topic)} | ${kinds} | ${behaviour} |`);
  }
}
