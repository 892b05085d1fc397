/**
 * Measures the confidence signals (see confidence.ts) for the top of a
 * ranking, from the papers' stored vectors and terms.
 */
import { cosine, type Vector } from '../embedding/embedder.js';
import type { ConfidenceSignals } from './confidence.js';
import type { PaperEvidence } from './paper-hit.js';
import { termCoverage } from './term-coverage.js';
import { termSet } from './text-terms.js';

export interface ConfidenceInput {
  readonly evidence: PaperEvidence;
  /** The paper's document vector. */
  readonly vector: Vector;
}

/**
 * A top paper holding a rare word of the query and at least this share of its words means the query names
 * something the corpus has ("deeponet results"): such a query is never flagged. It was the whole query, so any
 * word the paper happens not to use ("results") flagged it. On dev, 0.5 flags the same no-answer and answerable
 * queries as 1 (any share at all lets 4 of 16 no-answer ones through); on test it flagged 1 answerable query
 * instead of 4 (bge; the ensemble also 2 fewer of its 11 no-answer ones).
 */
export const RARE_TERM_COVERAGE = 0.5;

/**
 * `rareTerms`: the query's terms that few papers hold (see engine.ts).
 */
export function confidenceSignals(
  top: readonly ConfidenceInput[],
  query: { readonly vector: Vector; readonly text: string; readonly rareTerms: ReadonlySet<string> },
  namedByTitle: boolean,
): ConfidenceSignals {
  let bestSimilarity = 0;
  let bestSentenceSimilarity = 0;
  let coverage = 0;
  let namesRareTerm = false;
  for (const { evidence, vector } of top) {
    bestSimilarity = Math.max(bestSimilarity, cosine(query.vector, vector));
    for (const sentence of evidence.sentenceVectors) {
      bestSentenceSimilarity = Math.max(bestSentenceSimilarity, cosine(query.vector, sentence));
    }
    const terms = termSet(`${evidence.paper.title} ${evidence.paper.abstract}`);
    const covered = termCoverage(query.text, terms);
    coverage = Math.max(coverage, covered);
    if (covered >= RARE_TERM_COVERAGE && [...query.rareTerms].some((term) => terms.has(term))) namesRareTerm = true;
  }
  return { bestSimilarity, bestSentenceSimilarity, termCoverage: coverage, namedByTitle, namesRareTerm };
}
