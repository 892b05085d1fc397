/**
 * Measures the confidence signals (see confidence.ts) for a ranked list.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { ConfidenceSignals } from './confidence.js';
import type { RankedPaper } from './rank.js';
import type { SearchState } from './search-state.js';

export function confidenceSignals(
  state: SearchState,
  top: readonly RankedPaper[],
  query: { readonly vector: Vector; readonly terms: ReadonlySet<string> },
  namedByTitle: boolean,
): ConfidenceSignals {
  let bestSimilarity = 0;
  let bestSentenceSimilarity = 0;
  let termCoverage = 0;
  for (const { id, similarity } of top) {
    bestSimilarity = Math.max(bestSimilarity, similarity);
    for (const sentence of state.vectors.get(id)?.sentences ?? []) {
      bestSentenceSimilarity = Math.max(bestSentenceSimilarity, cosine(query.vector, sentence));
    }
    const terms = state.terms.get(id);
    if (terms !== undefined && query.terms.size > 0) {
      const shared = [...query.terms].filter((term) => terms.has(term)).length;
      termCoverage = Math.max(termCoverage, shared / query.terms.size);
    }
  }
  return { bestSimilarity, bestSentenceSimilarity, termCoverage, namedByTitle };
}
