/**
 * Measures the confidence signals (see confidence.ts) for the top of a
 * ranking, from the papers' stored vectors and terms.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { ConfidenceSignals } from './confidence.js';
import type { PaperEvidence } from './paper-hit.js';
import { termSet } from './text-terms.js';

export interface ConfidenceInput {
  readonly evidence: PaperEvidence;
  /** The paper's document vector. */
  readonly vector: Vector;
}

export function confidenceSignals(
  top: readonly ConfidenceInput[],
  query: { readonly vector: Vector; readonly terms: ReadonlySet<string> },
  namedByTitle: boolean,
): ConfidenceSignals {
  let bestSimilarity = 0;
  let bestSentenceSimilarity = 0;
  let termCoverage = 0;
  for (const { evidence, vector } of top) {
    bestSimilarity = Math.max(bestSimilarity, cosine(query.vector, vector));
    for (const sentence of evidence.sentenceVectors) {
      bestSentenceSimilarity = Math.max(bestSentenceSimilarity, cosine(query.vector, sentence));
    }
    if (query.terms.size > 0) {
      const terms = termSet(`${evidence.paper.title} ${evidence.paper.abstract}`);
      const shared = [...query.terms].filter((term) => terms.has(term)).length;
      termCoverage = Math.max(termCoverage, shared / query.terms.size);
    }
  }
  return { bestSimilarity, bestSentenceSimilarity, termCoverage, namedByTitle };
}
