/**
 * `npm run eval`: retrieval quality on the hand-judged set (test/eval/eval-set.json)
 * for BM25-only, dense-only and hybrid ranking, with and without bge's query
 * instruction. Prints the markdown table the README quotes.
 */
import { loadEngineConfig } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import { progressReporter } from '../src/progress.js';
import { createEmbedder, createEngine } from '../src/search/create-engine.js';
import type { RankMode } from '../src/search/rank.js';
import { loadEvalSet } from '../test/eval/eval-set.js';
import { scoreBehaviour, scoreRanking } from '../test/eval/run-eval.js';

const config = loadEngineConfig();
const logger = createLogger(config.LOG_LEVEL ?? 'warn');
const onProgress = progressReporter(createLogger('info'));
const fmt = (n: number) => n.toFixed(3);

console.log('| ranking | query instruction | nDCG@10 | recall@10 | topic nDCG@10 | title nDCG@10 | fact nDCG@10 |');
console.log('|---|---|---|---|---|---|---|');
for (const instruction of [true, false]) {
  const embedder = await createEmbedder(config, instruction);
  const modes: RankMode[] = instruction ? ['lexical', 'dense', 'hybrid'] : ['dense', 'hybrid'];
  for (const mode of modes) {
    const engine = await createEngine(config, logger, { embedder, mode, onProgress });
    const scores = await scoreRanking(engine, loadEvalSet(engine.papers));
    const kind = (k: string) => fmt(scores.byKind[k]?.ndcg ?? 0);
    const label = mode === 'lexical' ? 'BM25 only' : mode === 'dense' ? 'dense only' : 'hybrid (RRF)';
    const instructionLabel = mode === 'lexical' ? '–' : instruction ? 'yes' : 'no';
    console.log(`| ${label} | ${instructionLabel} | ${fmt(scores.ndcg)} | ${fmt(scores.recall)} | ${kind('topic')} | ${kind('title')} | ${kind('fact')} |`);
  }
}

const engine = await createEngine(config, logger, {});
const b = await scoreBehaviour(engine, loadEvalSet(engine.papers));
console.log();
console.log(`title lookup (title()): ${b.titleHits}/${b.titleTotal} right paper`);
console.log(`extractive answers (ask()): ${b.answerHits}/${b.factTotal} quote the answering sentence`);
console.log(`no-answer queries flagged lowConfidence: ${b.noneFlagged}/${b.noneTotal}`);
console.log(`answerable queries wrongly flagged lowConfidence: ${b.falseLow}/${b.answerableTotal}`);
