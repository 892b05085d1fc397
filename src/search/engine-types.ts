/**
 * The engine's public contract: what the CLI, the Discord commands and the
 * digest call. Everything here is plain data so it can be printed as JSON.
 */
import type { PaperDate } from '../corpus/paper.js';
import type { FetchedRecord } from '../ingest/merge-sources.js';
import type { PaperSummary, StoredPaper } from '../store/store.js';

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
  /** `YYYY-MM-DD`: only papers a Daily Papers day listed on or after it (papers from dumps alone are excluded when set). */
  readonly dailyFrom?: string;
  /** ISO instant: only papers that entered the corpus at or after it (what a watch has not seen yet). */
  readonly addedFrom?: string;
}

/**
 * One paper as every surface shows it (the CLI, Discord, the digest): the
 * card model. `summary` is 1–2 sentences chosen for the query.
 */
export interface PaperCard {
  readonly id: string;
  readonly title: string;
  /** The paper's page: Hugging Face's paper page when the arXiv id is known, else a title search. */
  readonly url: string;
  readonly summary: string;
  readonly date: PaperDate | null;
  readonly authors: number | null;
  readonly upvotes: number | null;
  readonly codeLinks: readonly string[];
  readonly arxivId: string | null;
  /** Empty when no feed named them (the dumps only count authors). */
  readonly authorNames: readonly string[];
  /** `https://arxiv.org/abs/<id>`, when the id is known. */
  readonly arxivUrl: string | null;
  /** `https://arxiv.org/pdf/<id>`, when the id is known. */
  readonly pdfUrl: string | null;
  readonly projectPage: string | null;
  /** Hugging Face's keywords (searchable). */
  readonly keywords: readonly string[];
  /** Hugging Face's own machine summary: renderers label it as the site's. */
  readonly siteSummary: string | null;
}

/** One ranked paper. */
export interface PaperHit extends PaperCard {
  /** Fused relevance score, higher is better; comparable within one response only. */
  readonly score: number;
}

/** One sentence of an extractive answer, cited to the paper it came from. */
export interface AnswerSentence {
  readonly text: string;
  readonly paperId: string;
  readonly title: string;
  /** 1-based citation number: the paper's position among the results (which lead with the cited papers). */
  readonly citation: number;
}

/**
 * Present while not every paper can be found by meaning: papers are still
 * being embedded, or the vector index is being rebuilt. Results then come
 * from words alone for the rest, and renderers say so.
 */
export interface IndexingNote {
  readonly papers: number;
  /** Papers whose vectors are in the vector index. */
  readonly embedded: number;
  readonly rebuildingIndex: boolean;
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
  readonly indexing: IndexingNote | null;
}

/** An autocomplete entry (`title` uncut: the caller fits it to its own limits). */
export interface Suggestion {
  readonly id: string;
  readonly title: string;
}

/** Result of a title lookup: the best match (if any is close enough) and the next closest titles. */
export interface TitleLookup {
  readonly query: string;
  readonly match: StoredPaper | null;
  readonly alternatives: readonly StoredPaper[];
}

/** Where the engine is with its corpus: for `/papers help`, the CLI's notices and progress. */
export interface EngineStatus {
  readonly papers: number;
  readonly embedded: number;
  readonly vectorIndex: 'ready' | 'rebuilding';
  /** False when another process holds the store for writing (or DATA_DIR is read-only): this one only reads. */
  readonly writer: boolean;
  /** Who writes instead, when this process does not. */
  readonly writerElsewhere: string | null;
  /** Why new papers cannot be stored right now (a full or read-only disk), if so. */
  readonly storeProblem: string | null;
  /** Why papers are not getting their vectors right now (the model failed), if so: search falls back to words. */
  readonly embeddingProblem: string | null;
}

export interface PaperEngine {
  /** Every paper's summary (no abstract), in arrival order. */
  readonly papers: readonly PaperSummary[];
  /** When the newest corpus file was last modified. */
  readonly corpusUpdatedAt: Date | null;
  status(): EngineStatus;
  paper(id: string): Promise<StoredPaper | undefined>;
  /** A paper as a result card, its summary being the sentences that best say what the paper is about. */
  hit(id: string): Promise<PaperHit | undefined>;
  about(query: string, options?: SearchOptions): Promise<SearchResponse>;
  /** Resolves a paper id or (partial, misspelt, acronym) title. */
  title(text: string): Promise<TitleLookup>;
  /** Title autocomplete from memory: at most `limit` suggestions. */
  suggest(prefix: string, limit?: number): readonly Suggestion[];
  similar(paperId: string, options?: SearchOptions): Promise<SearchResponse>;
  ask(question: string, options?: SearchOptions): Promise<SearchResponse>;
  /** When this paper first entered the corpus; `undefined` for an unknown id. */
  addedAt(paperId: string): Date | undefined;
  /** The papers Daily Papers listed since `dailyFrom`: most upvoted first, or the confident matches of a topic. */
  newPapers(options: NewPapersOptions): Promise<SearchResponse>;
  /**
   * The papers that match `topic` confidently, nearest first: none when the
   * topic as a whole is low confidence, and only those scoring near the best
   * (the rule of topic digests, watches and `/papers new`). At most 50.
   */
  confidentMatches(topic: string, options?: Pick<SearchOptions, 'dailyFrom' | 'addedFrom'>): Promise<readonly PaperHit[]>;
}

/** What storing fetched papers did. */
export interface IngestResult {
  /** The paper id of each record given, in order. */
  readonly ids: readonly string[];
  readonly added: readonly string[];
  readonly updated: readonly string[];
}

/** Which papers of the last Daily Papers days to list (`/papers new`). */
export interface NewPapersOptions {
  /** `YYYY-MM-DD`: the first day included. */
  readonly dailyFrom: string;
  /** Ranked by relevance to it (low-confidence matches left out) instead of by upvotes. */
  readonly topic?: string;
  readonly k?: number;
  readonly offset?: number;
}

/** What a corpus refresh changed. */
export interface RefreshReport {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
}

/** An engine whose corpus grows while it serves. */
export interface RefreshableEngine extends PaperEngine {
  /** Re-reads the seeds (changed files only) and stores what changed; new papers are embedded in the background. */
  refresh(): Promise<RefreshReport>;
  /**
   * Stores papers a feed returned: logged to disk first (so a crash loses
   * none), merged with what is known of them, added to every index. They are
   * embedded in the background; with `interactive`, before this resolves and
   * ahead of any bulk work.
   */
  ingest(records: readonly FetchedRecord[], options?: { readonly interactive?: boolean }): Promise<IngestResult>;
  /** Resolves when every stored paper has vectors in the index (or embedding cannot go on: see `status()`). */
  indexed(): Promise<void>;
  /** Calls `listener` with the ids of each batch of papers as they get their vectors; returns how to stop. */
  onEmbedded(listener: (paperIds: readonly string[]) => void): () => void;
  /**
   * Calls `listener` once if this process stops being the store's writer while it runs (it stalled past the
   * lease, and another process took the store over). The engine has already stopped writing by then.
   */
  onWriterLost(listener: () => void): () => void;
  /** Stops background work, saves the vector index, closes the store and the model. */
  close(): Promise<void>;
}
