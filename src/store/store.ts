/**
 * The one place paperbot keeps state: papers and every source they came
 * from, their embeddings, the lexical index, digest state, and a writer
 * lease. The interface speaks in papers, vectors and digest records, never
 * in SQL, and every method is asynchronous and atomic on its own, so a
 * PostgreSQL store can implement it later; `sqlite/` implements it today.
 */
import type { DigestState } from '../digest/digest-state.js';
import type { Vector } from '../embedding/embedder.js';
import type { ListingEntry } from '../corpus/parse-listing.js';
import type { Paper } from '../corpus/paper.js';
import type { FetchedPaper } from '../feeds/fetched-paper.js';

/** A paper as stored: the merged record plus what the indexes need. */
export interface StoredPaper extends Paper {
  /** Stable integer handle, never reused: the HNSW label and the lexical index's row id. */
  readonly label: number;
  /** When the paper first entered the store. */
  readonly addedAt: Date;
  /** Changes whenever the embedded texts change: embeddings with another hash are stale. */
  readonly textHash: string;
}

/** What stays in memory of every paper, for filters, titles and digests: no abstract, no feed details. */
export type PaperSummary = Omit<StoredPaper, 'abstract' | 'sources' | 'authorNames' | 'keywords' | 'aiSummary' | 'projectPage' | 'feeds'>;

/** One listing entry a paper came from, as parsed. */
export interface SourceRecord {
  readonly paperId: string;
  /** The dump file's name within the seeds directory. */
  readonly file: string;
  readonly entry: ListingEntry;
}

/** A feed's latest record of a paper, kept so the paper can be merged again from all its sources. */
export interface FetchedRow {
  readonly paperId: string;
  readonly fetchedAt: string;
  readonly paper: FetchedPaper;
}

/** A paper to write: the merged record, its texts for the lexical index. */
export interface PaperWrite {
  readonly paper: Paper;
  readonly textHash: string;
  /** Processed lexical terms (space-separated), as the engine's tokenizer makes them. */
  readonly lexicalTitle: string;
  readonly lexicalAbstract: string;
  readonly lexicalKeywords: string;
}

/** A dump file as last synced. */
export interface DumpFileRecord {
  readonly name: string;
  readonly sha256: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly entries: number;
}

/**
 * One atomic change of the corpus. A dump file is synced as one or more of
 * these: the first replaces its sources, the last records the file (so a
 * sync cut short by a crash is simply done again at the next start).
 */
export interface CorpusChange {
  /** The file whose sources are all replaced by `sources`, or null to add none. */
  readonly replaceSourcesOf: string | null;
  readonly sources: readonly SourceRecord[];
  /** Records the dump file as synced (`record: null`: forgets it, the file is gone). */
  readonly dumpFile: { readonly name: string; readonly record: DumpFileRecord | null } | null;
  /** Feed records to keep (replacing that source's earlier record of the same arXiv id). */
  readonly fetched?: readonly FetchedRow[];
  /** Papers to insert or update (by id). */
  readonly upsert: readonly PaperWrite[];
  /** Papers that no longer have any source. */
  readonly remove: readonly string[];
  readonly now: Date;
}

export interface CorpusChangeResult {
  readonly added: readonly StoredPaper[];
  readonly updated: readonly StoredPaper[];
  readonly removed: readonly { readonly id: string; readonly label: number }[];
}

export interface PaperFilter {
  readonly hasCode: boolean;
  readonly yearFrom: number | null;
  readonly yearTo: number | null;
  /** `YYYY-MM-DD`: only papers a Daily Papers day listed on or after it. */
  readonly dailyFrom: string | null;
  /** ISO instant: only papers that entered the store at or after it. */
  readonly addedFrom: string | null;
}

/** The vectors of one paper: its whole text, then each abstract sentence. */
export interface PaperVectors {
  readonly document: Vector;
  readonly sentences: readonly Vector[];
}

/** A paper whose embedding is missing or stale: what its texts are made from. */
export interface EmbeddingJob {
  readonly paperId: string;
  readonly label: number;
  readonly textHash: string;
  readonly title: string;
  readonly abstract: string;
}

export interface EmbeddingWrite {
  readonly paperId: string;
  /** The hash the texts had when they were embedded: a paper changed since is not written. */
  readonly textHash: string;
  readonly vectors: PaperVectors;
}

/** A document vector as the vector index needs it, with the order it was written in. */
export interface LabelledVector {
  readonly label: number;
  readonly seq: number;
  readonly vector: Vector;
}

export interface LexicalHit {
  readonly label: number;
  readonly score: number;
}

/** Who holds the store for writing. */
export interface LeaseHolder {
  readonly pid: number;
  readonly host: string;
  /** `bot`, `cli`, `bench`…: said to a second process that finds the store taken. */
  readonly kind: string;
  readonly since: Date;
}

export type LeaseResult = { readonly acquired: true } | { readonly acquired: false; readonly holder: LeaseHolder };

export interface PaperRepository {
  /** The highest label of a stored paper (0 when none). */
  maxLabel(): Promise<number>;
  count(): Promise<number>;
  get(id: string): Promise<StoredPaper | undefined>;
  /** Papers by id, in the order asked (unknown ids are left out). */
  getMany(ids: readonly string[]): Promise<StoredPaper[]>;
  /** Every paper without abstract or sources, in label order. */
  summaries(): Promise<PaperSummary[]>;
  /** Summaries of papers with a label above `label` (what another process added since). */
  summariesAfter(label: number): Promise<PaperSummary[]>;
  /** Every source of these papers, in file and line order. */
  sourcesOf(paperIds: readonly string[]): Promise<SourceRecord[]>;
  /** Ids of the papers that have a source in `file`. */
  idsFromFile(file: string): Promise<string[]>;
  /** The paper a feed record with this arXiv id belongs to, if one was stored before. */
  idOfArxiv(arxivId: string): Promise<string | undefined>;
  /** Every feed record of these papers. */
  fetchedOf(paperIds: readonly string[]): Promise<FetchedRow[]>;
  /** The stored bodies (JSON) of these feed records, keyed `source + "\u0000" + arxivId`: to tell a record that changed nothing. */
  fetchedBodies(keys: readonly { readonly arxivId: string; readonly source: string }[]): Promise<Map<string, string>>;
  /** Feed records in storage order, `limit` after `cursor` (0 to start): how the fetch log is rewritten from the store. */
  fetchedPage(cursor: number, limit: number): Promise<{ readonly rows: FetchedRow[]; readonly cursor: number }>;
  /** Papers left with no dump entry and no feed record (a sync cut short between its transactions). */
  orphans(): Promise<string[]>;
  /** Papers whose stored row was found damaged when read (its lists did not parse): to merge again from their sources. */
  damaged(): Promise<string[]>;
  apply(change: CorpusChange): Promise<CorpusChangeResult>;
  dumpFiles(): Promise<DumpFileRecord[]>;
  /** Records a dump file whose content is unchanged (a new mtime, say). */
  touchDumpFile(record: DumpFileRecord): Promise<void>;
  /** Moves a paper's `addedAt` back to `at` when that is earlier (importing when an older layout first saw it). */
  keepEarlierAddedAt(id: string, at: Date): Promise<void>;
  /** Re-derives every paper's text hash and lexical terms (after the text processing changed). */
  rewriteTexts(write: (paper: StoredPaper) => PaperWrite): Promise<number>;
}

export interface EmbeddingRepository {
  /** Papers with a current embedding for this model. */
  count(modelId: string): Promise<number>;
  /** Up to `limit` papers with a label in (afterLabel, throughLabel] whose embedding for this model is missing or stale, in label order. */
  pending(modelId: string, afterLabel: number, limit: number, throughLabel?: number): Promise<EmbeddingJob[]>;
  /** How many papers with a label in (afterLabel, throughLabel] need embedding. */
  pendingCount(modelId: string, afterLabel?: number, throughLabel?: number): Promise<number>;
  /** Writes vectors in one transaction; returns how many were current and written. */
  save(modelId: string, rows: readonly EmbeddingWrite[]): Promise<number>;
  /**
   * Document vectors written after `seq` (the vector index's catch-up), in seq order. A paper
   * whose text changed keeps its previous document vector until it is re-embedded.
   */
  documentsSince(modelId: string, seq: number, limit: number): Promise<LabelledVector[]>;
  /** The document vectors of these labels (any seq): for labels a saved graph turned out to lack. */
  documentsOf(modelId: string, labels: readonly number[]): Promise<LabelledVector[]>;
  /** Labels that have a document vector for this model, in no particular order. */
  labels(modelId: string): Promise<Int32Array>;
  document(modelId: string, paperId: string): Promise<PaperVectors['document'] | undefined>;
  /** Sentence vectors of these papers; only current ones, since stale ones no longer line up with the sentences. */
  sentences(modelId: string, paperIds: readonly string[]): Promise<Map<string, readonly Vector[]>>;
  /** The highest seq ever given for this model (0 when none): never lower after papers are removed. */
  lastSeq(modelId: string): Promise<number>;
}

export interface LexicalRepository {
  /**
   * BM25 over processed terms (any term may match; a term holding a space is a phrase), title weighted
   * above abstract, filtered inside the search: the best `limit` papers, best first, then any of `labels`
   * that match and are not among them (their exact scores, lower or equal).
   */
  search(terms: readonly string[], filter: PaperFilter, limit: number, labels?: readonly number[]): Promise<LexicalHit[]>;
  /** How many papers contain each term. */
  documentFrequencies(terms: readonly string[]): Promise<Map<string, number>>;
  /** Indexed terms that start with `prefix` (for typo tolerance), at most `limit`. */
  termsWithPrefix(prefix: string, limit: number): Promise<{ term: string; documents: number }[]>;
}

export interface DigestRepository {
  /** Every record that validates; `damaged` counts rows that do not (kept in place, left out of the state). */
  load(): Promise<{ readonly state: DigestState; readonly damaged: number }>;
  /** Writes what differs between `before` and `after`, in one transaction. */
  save(before: DigestState, after: DigestState): Promise<void>;
}

/** A URL's `ETag` / `Last-Modified`, for conditional requests. */
export interface StoredValidators {
  readonly etag: string | null;
  readonly lastModified: string | null;
}

export interface FeedRepository {
  /** A feed's saved state (JSON the feed service validates), or undefined. */
  state(source: string): Promise<unknown>;
  saveState(source: string, state: unknown): Promise<void>;
  validators(url: string): Promise<StoredValidators | undefined>;
  saveValidators(url: string, validators: StoredValidators): Promise<void>;
}

/** A per-user topic watch, as stored: the record is the watch service's (validated there). */
export interface WatchRow {
  readonly id: string;
  readonly userId: string;
  readonly body: unknown;
}

export interface WatchRepository {
  all(): Promise<WatchRow[]>;
  ofUser(userId: string): Promise<WatchRow[]>;
  save(watch: WatchRow): Promise<void>;
  remove(id: string): Promise<void>;
  /** Of these papers, the ones already sent to this user (by any watch). */
  sentTo(userId: string, paperIds: readonly string[]): Promise<Set<string>>;
  /** Notices sent to this user since `since` (the daily cap), counted as DMs: distinct send times. */
  dmsSince(userId: string, since: Date): Promise<number>;
  /** Records one DM: its papers, for which watch, when; in one transaction. */
  recordNotice(userId: string, watchId: string, paperIds: readonly string[], at: Date): Promise<void>;
}

export interface MetaRepository {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface LeaseRepository {
  /** Takes the writer lease unless a live process holds it. */
  acquire(kind: string): Promise<LeaseResult>;
  /** Keeps a held lease alive; false when it was lost (taken over after a stall). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
  holder(): Promise<LeaseHolder | null>;
}

export interface Store {
  /** Where it lives, for messages (`./data/paperbot.db`). */
  readonly location: string;
  /** False when opened read-only (a read-only DATA_DIR): every write throws. */
  readonly writable: boolean;
  readonly papers: PaperRepository;
  readonly embeddings: EmbeddingRepository;
  readonly lexical: LexicalRepository;
  readonly digests: DigestRepository;
  readonly meta: MetaRepository;
  readonly feeds: FeedRepository;
  readonly watches: WatchRepository;
  readonly lease: LeaseRepository;
  close(): Promise<void>;
}
