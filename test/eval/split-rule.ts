/**
 * The dev/test split rule, applied once when eval set version 2 was written
 * and recorded in each query's `split` field (README, "Split"):
 *
 * 1. The 85 queries of version 1 are dev: the engine was tuned on them.
 * 2. A new query that asks for the same answer sentence as a v1 query is dev too
 *    ({@link DEV_PINNED_IDS}): it is a paraphrase of tuned data.
 * 3. Every other query: within its kind, order by sha256(id) as hex; positions
 *    0, 2, 4, … are test, 1, 3, 5, … dev. Ids were chosen before the rule was run,
 *    and no engine output was looked at.
 */
import { createHash } from 'node:crypto';
import type { EvalQueryRecord, Split } from './eval-set.js';

export const DEV_PINNED_IDS: readonly string[] = ['fact-sfprompt-save'];

/** The split each query gets under the rule; the order of `queries` does not matter. */
export function ruleSplits(queries: readonly Pick<EvalQueryRecord, 'id' | 'kind'>[]): Map<string, Split> {
  const splits = new Map<string, Split>();
  const dev = new Set([...V1_QUERY_IDS, ...DEV_PINNED_IDS]);
  const sha = (id: string) => createHash('sha256').update(id, 'utf8').digest('hex');
  for (const kind of new Set(queries.map((q) => q.kind))) {
    const fresh = queries.filter((q) => q.kind === kind && !dev.has(q.id)).map((q) => ({ id: q.id, hash: sha(q.id) }));
    fresh.sort((a, b) => (a.hash < b.hash ? -1 : a.hash > b.hash ? 1 : 0));
    fresh.forEach(({ id }, position) => splits.set(id, position % 2 === 0 ? 'test' : 'dev'));
  }
  for (const q of queries) if (dev.has(q.id)) splits.set(q.id, 'dev');
  return splits;
}

/** The query ids of eval set version 1, which the engine was tuned on. */
export const V1_QUERY_IDS: readonly string[] = [
  'topic-federated-learning',
  'topic-model-merging',
  'topic-continual-without-memory-buffer',
  'topic-continual-pretrained-backbone',
  'topic-lora-gap',
  'topic-memory-efficient-llm-pretraining',
  'topic-diffusion-adaptation',
  'topic-diffusion-beyond-generation',
  'topic-offline-rl',
  'topic-combinatorial-optimization',
  'topic-bandits',
  'topic-distillation-objectives',
  'topic-dataset-distillation',
  'topic-machine-unlearning',
  'topic-aggregate-labels',
  'topic-pde-solvers',
  'topic-in-context-learning-mechanism',
  'topic-backfilling',
  'topic-elastic-model-sizes',
  'topic-llm-compression',
  'topic-data-constrained-pretraining',
  'topic-overparameterization',
  'topic-infinite-width',
  'topic-linear-rnn-parity',
  'topic-recsys-item-ids',
  'topic-multilingual',
  'topic-split-computing',
  'topic-classification-losses',
  'topic-optimizers-lr-schedules',
  'topic-architecture-search',
  'topic-reranking',
  'topic-text-embedding-retrieval',
  'topic-truncatable-embeddings',
  'topic-network-similarity',
  'topic-unseen-categories',
  'topic-seq2seq',
  'topic-class-imbalance',
  'topic-node-embeddings',
  'topic-information-theoretic-representations',
  'title-sfprompt-typo',
  'title-corda',
  'title-coda-prompt',
  'title-lora-silver-bullet',
  'title-letfuser',
  'title-nevis',
  'title-bt2',
  'title-e2llm',
  'title-once-for-all',
  'title-convergent-typo',
  'title-seq2seq',
  'title-pointer-networks',
  'title-tango-mixup',
  'title-deltaproduct',
  'title-randlora',
  'title-mind-the-gap',
  'title-re-contextual-bias',
  'fact-sfprompt-communication',
  'fact-seq2seq-bleu',
  'fact-gpt4o-tokenizer',
  'fact-nmc-baseline-accuracy',
  'fact-multiloko-questions',
  'fact-simclrv2-one-percent',
  'fact-zloss-speed',
  'fact-osp-kurtosis',
  'fact-letfuser-simulator',
  'fact-fastrp-speed',
  'fact-weight-decay-infinite-compute',
  'fact-bottlefit-compression',
  'fact-btm-domains',
  'fact-llama-gpqa',
  'fact-sea-mrr',
  'fact-contriever-beir',
  'fact-svfit-params',
  'fact-lorasb-params',
  'fact-sltrain-memory',
  'fact-splitwise-throughput',
  'fact-lion-memory',
  'none-weather-forecasting',
  'none-quantum-computing',
  'none-satellite-imagery',
  'none-chess-mcts',
  'none-nerf',
  'none-llm-watermarking',
  'none-hate-speech',
  'none-earthquake',
];
