/** The real corpus (no model needed) as renderer inputs: papers and hits built from them. */
import { loadCorpus, type Paper } from '../../../src/corpus/index.js';
import type { PaperHit, SearchResponse } from '../../../src/search/engine-types.js';
import { feedLinks } from '../../../src/search/paper-hit.js';
import { SEEDS_DIR } from '../../support/test-engine.js';

let cached: Promise<Paper[]> | undefined;

export function realPapers(): Promise<Paper[]> {
  cached ??= loadCorpus(SEEDS_DIR).then((load) => load.papers);
  return cached;
}

/** A hit whose "summary" is the whole abstract: the worst case for length. */
export function hitOf(paper: Paper, summary = paper.abstract): PaperHit {
  return {
    id: paper.id,
    title: paper.title,
    summary,
    score: 1,
    date: paper.date,
    authors: paper.authors,
    upvotes: paper.upvotes,
    ...feedLinks(paper),
    codeLinks: paper.codeLinks,
    url: paper.url,
  };
}

/** A response as the engine gives it once every paper has its vectors (`indexing: null`), unless `extra` says otherwise. */
export function responseOf(hits: readonly PaperHit[], extra: Partial<SearchResponse> = {}): SearchResponse {
  return { query: 'q', lowConfidence: false, results: hits, total: hits.length, indexing: null, ...extra };
}

/** The papers with the longest abstracts first. */
export async function longestPapers(n: number): Promise<Paper[]> {
  return [...(await realPapers())].sort((a, b) => b.abstract.length - a.abstract.length).slice(0, n);
}
