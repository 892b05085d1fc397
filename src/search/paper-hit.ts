/**
 * Ranked papers as the engine returns them: the paper's facts plus a summary
 * chosen for this query, from the abstract's sentences and their stored
 * vectors (read from the store only for the papers shown).
 */
import type { Vector } from '../embedding/embedder.js';
import type { StoredPaper } from '../store/store.js';
import { truncateAtWord } from '../text/truncate.js';
import type { PaperHit } from './engine-types.js';
import { paperTexts } from './paper-texts.js';
import type { SearchContext } from './search-context.js';
import { scoreSentences, summarise } from './summarize.js';

export const ARXIV_ABS_URL = 'https://arxiv.org/abs/';
export const ARXIV_PDF_URL = 'https://arxiv.org/pdf/';

/** Scores below this many decimals are noise: rounding keeps JSON output readable. */
const SCORE_DECIMALS = 4;
/** A summary is 1–2 sentences; an abstract that is one endless "sentence" is cut here, at a word. */
export const MAX_SUMMARY_CHARS = 600;

/** What a query is matched against sentences with; `vector` is null when only words can be compared. */
export interface QueryFocus {
  readonly vector: Vector | null;
  readonly terms: ReadonlySet<string>;
}

/** A paper with what summaries and answers read: its sentences and their vectors (none while not yet embedded). */
export interface PaperEvidence {
  readonly paper: StoredPaper;
  readonly sentences: readonly string[];
  readonly sentenceVectors: readonly Vector[];
}

/** Papers and their sentence vectors in two reads, for every id asked (unknown ids are left out). */
export async function loadEvidence(ctx: SearchContext, ids: readonly string[]): Promise<Map<string, PaperEvidence>> {
  const unique = [...new Set(ids)];
  const [papers, vectors] = await Promise.all([ctx.store.papers.getMany(unique), ctx.store.embeddings.sentences(ctx.embedder.modelId, unique)]);
  return new Map(
    papers.map((paper) => [paper.id, { paper, sentences: paperTexts(paper).sentences, sentenceVectors: vectors.get(paper.id) ?? [] }]),
  );
}

export function toHit(evidence: PaperEvidence, score: number, focus: QueryFocus): PaperHit {
  const { paper } = evidence;
  const summary = summarise(scoreSentences(focus.vector, focus.terms, evidence.sentences, evidence.sentenceVectors)) || paper.abstract;
  return {
    id: paper.id,
    title: paper.title,
    summary: truncateAtWord(summary, MAX_SUMMARY_CHARS),
    score: Number(score.toFixed(SCORE_DECIMALS)),
    date: paper.date,
    authors: paper.authors,
    upvotes: paper.upvotes,
    codeLinks: paper.codeLinks,
    url: paper.url,
    ...feedLinks(paper),
  };
}

/** What a card shows of the feeds' fields; every surface builds its links from these. */
export function feedLinks(paper: Pick<StoredPaper, 'arxivId' | 'authorNames' | 'projectPage' | 'keywords' | 'aiSummary'>) {
  const arxiv = paper.arxivId === null ? null : encodeURI(paper.arxivId);
  return {
    arxivId: paper.arxivId,
    authorNames: paper.authorNames,
    arxivUrl: arxiv === null ? null : `${ARXIV_ABS_URL}${arxiv}`,
    pdfUrl: arxiv === null ? null : `${ARXIV_PDF_URL}${arxiv}`,
    projectPage: paper.projectPage,
    keywords: paper.keywords,
    siteSummary: paper.aiSummary,
  };
}
