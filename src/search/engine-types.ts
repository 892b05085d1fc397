/**
 * The engine's public contract: what the CLI, the Discord commands and the
 * digest call. Everything here is plain data so it can be printed as JSON.
 */
import type { Paper } from '../corpus/paper.js';

export interface SearchOptions {
  /** How many results to return (default 5, at most 50). */
  readonly k?: number;
  /** Skip this many ranked results first (for "More results"). */
  readonly offset?: number;
  /** Only papers with at least one code link. */
  readonly hasCode?: boolean;
  /** Only papers whose known year is ≥ yearFrom (papers with an unknown year are excluded when set). */
  readonly yearFrom?: number;
  /** Only papers whose known year is ≤ yearTo (papers with an unknown year are excluded when set). */
  readonly yearTo?: number;
}

/** One ranked paper, with a summary chosen for the query. */
export interface PaperHit {
  readonly id: string;
  readonly title: string;
  /** 1–2 sentences of the abstract that best match the query. */
  readonly summary: string;
  /** Fused relevance score, higher is better; comparable within one response only. */
  readonly score: number;
  /** ISO 8601: `2024-07-24`, or `--04-14` when the listing gave no year. */
  readonly date: string | null;
  readonly authors: number | null;
  readonly upvotes: number | null;
  readonly codeLinks: readonly string[];
  readonly url: string;
}

/** One sentence of an extractive answer, cited to the paper it came from. */
export interface AnswerSentence {
  readonly text: string;
  readonly paperId: string;
  readonly title: string;
}

export interface SearchResponse {
  readonly query: string;
  /** True when nothing in the corpus is really relevant: present results as weak matches, not answers. */
  readonly lowConfidence: boolean;
  readonly results: readonly PaperHit[];
  /** Number of results available beyond `offset` before `k` was applied (for paging). */
  readonly total: number;
  /** Present for `ask`: the sentences that answer the question, each cited. */
  readonly answer?: readonly AnswerSentence[];
}

/** An autocomplete entry: `title` is at most 100 characters. */
export interface Suggestion {
  readonly id: string;
  readonly title: string;
}

/** Result of a title lookup: the best match (if any is close enough) and the next closest titles. */
export interface TitleLookup {
  readonly query: string;
  readonly match: Paper | null;
  readonly alternatives: readonly Paper[];
}

export interface PaperEngine {
  /** Every unique paper in the corpus, in a stable order. */
  readonly papers: readonly Paper[];
  /** When the newest corpus file was last modified. */
  readonly corpusUpdatedAt: Date | null;
  paper(id: string): Paper | undefined;
  /** A paper as a result card, its summary being the sentences that best say what the paper is about. */
  hit(id: string): PaperHit | undefined;
  about(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Resolves a paper id or (partial, misspelt, acronym) title. */
  title(text: string): TitleLookup;
  /** Title autocomplete: at most `limit` (≤ 25) suggestions. */
  suggest(prefix: string, limit?: number): readonly Suggestion[];
  similar(paperId: string, options?: SearchOptions): SearchResponse;
  ask(question: string, options?: SearchOptions): Promise<SearchResponse>;
  /** When this paper first entered the corpus (first start that saw it); `undefined` for an unknown id. */
  addedAt(paperId: string): Date | undefined;
}

/** What a corpus refresh changed. */
export interface RefreshReport {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

/** An engine whose corpus can be re-read while it serves (new dumps dropped into the seeds directory). */
export interface RefreshableEngine extends PaperEngine {
  /** Re-reads the seeds, embeds only new papers and swaps the indexes atomically; queries keep working throughout. */
  refresh(): Promise<RefreshReport>;
}
