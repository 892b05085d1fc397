/**
 * The workload for the query-latency section: varied `about` queries (short,
 * long, acronyms, questions, off-topic), title lookups (exact, partial,
 * misspelt, acronyms, unknown) and `ask` questions, all in the seeds' domain.
 */

export const ABOUT_QUERIES: readonly string[] = [
  'model merging',
  'continual learning without forgetting',
  'catastrophic forgetting in neural networks',
  'knowledge distillation',
  'federated fine-tuning on resource-limited devices',
  'low-rank adaptation',
  'LoRA',
  'parameter-efficient fine-tuning of large models',
  'in-context learning theory',
  'dataset distillation with expert trajectories',
  'machine unlearning',
  'quantization of large language models',
  'split computing on edge devices',
  'contrastive representation learning',
  'self-supervised learning',
  'graph neural networks',
  'recommendation systems',
  'scaling laws',
  'diffusion models',
  'sequence to sequence learning',
  'state tracking in linear RNNs',
  'matryoshka embeddings',
  'dense retrieval for information retrieval',
  'reinforcement learning for job-shop scheduling',
  'mixture of experts',
  'memory-efficient optimizer states',
  'transfer learning from pretrained models',
  'zero-shot learning',
  'learning with noisy labels',
  'loss functions for classification',
  'neural network compression',
  'combinatorial optimization with neural networks',
  'how do transformers learn in context?',
  'task vectors',
  'grokking',
  'rehearsal-free continual learning with prompts',
  'papers that make training large language models cheaper on a single GPU by reducing optimizer memory and using low rank projections of the gradients',
  'quantum gardening recipes',
];

export const TITLE_QUERIES: readonly string[] = [
  'Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging',
  'Twin-Merging',
  'SFPrompt',
  'Splitwise',
  'matryoshka representation',
  'pointer netwroks',
  'Sequence to Sequence Learning with Neural Networks',
  'RandLoRA',
  'once for all',
  'domain adversarial training',
  'branch train merge',
  'CODA-Prompt',
  'diffusion models beat gans',
  'Starbucks',
  'grokking lazy rich',
  'NEVIS',
  'Fira',
  'catastrofic forgeting assumptions',
  'a paper about cats that does not exist',
  '2405.01234',
];

export const ASK_QUESTIONS: readonly string[] = [
  'How does model merging combine experts?',
  'What is catastrophic forgetting?',
  'How can LLMs be fine-tuned on devices with little memory?',
  'Why does grokking happen?',
  'What is a matryoshka embedding?',
  'How does dataset distillation work?',
  'Which methods avoid rehearsal in continual learning?',
  'How is knowledge distillation used for ranking?',
  'What makes in-context learning work?',
  'How can large language models be quantized to 4 bits?',
];

/** Common words users start typing, on top of prefixes of real titles. */
export const SUGGEST_WORDS: readonly string[] = ['learning', 'continual', 'efficient', 'transformer', 'diffusion', 'graph', 'zzzzzzzzzz'];

/** Prefixes of 1–10 characters of each word. */
export function prefixesOf(words: readonly string[], longest = 10): string[] {
  return words.flatMap((word) => Array.from({ length: Math.min(longest, word.length) }, (_, i) => word.slice(0, i + 1)));
}
