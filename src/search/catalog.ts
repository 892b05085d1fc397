/**
 * Every paper's summary (no abstract) in memory, by id and by label: what
 * filters, autocomplete, digests and counts read without touching the disk.
 * At 100,000 papers this is ~40 MB; abstracts and vectors stay in the store.
 */
import type { PaperFilter, PaperSummary } from '../store/store.js';

/** Papers per (year, has code), so a filtered total is a sum over years, not a scan of papers. */
interface YearCounts {
  all: number;
  withCode: number;
}

export const NO_FILTER: PaperFilter = { hasCode: false, yearFrom: null, yearTo: null, dailyFrom: null, addedFrom: null };

export function acceptsPaper(paper: Pick<PaperSummary, 'codeLinks' | 'date' | 'dailyDate' | 'addedAt'>, filter: PaperFilter): boolean {
  if (filter.hasCode && paper.codeLinks.length === 0) return false;
  if (filter.addedFrom !== null && paper.addedAt.toISOString() < filter.addedFrom) return false;
  if (filter.dailyFrom !== null && (paper.dailyDate === null || paper.dailyDate < filter.dailyFrom)) return false;
  const year = paper.date?.year ?? null;
  if (filter.yearFrom !== null && (year === null || year < filter.yearFrom)) return false;
  if (filter.yearTo !== null && (year === null || year > filter.yearTo)) return false;
  return true;
}

export class Catalog {
  readonly #byId = new Map<string, PaperSummary>();
  readonly #byLabel = new Map<number, PaperSummary>();
  readonly #years = new Map<number | null, YearCounts>();
  #ordered: PaperSummary[] | null = null;
  #maxLabel = 0;

  constructor(papers: Iterable<PaperSummary> = []) {
    for (const paper of papers) this.upsert(paper);
  }

  get size(): number {
    return this.#byId.size;
  }

  /** The highest label seen: what another process added has a higher one. */
  get maxLabel(): number {
    return this.#maxLabel;
  }

  get(id: string): PaperSummary | undefined {
    return this.#byId.get(id);
  }

  atLabel(label: number): PaperSummary | undefined {
    return this.#byLabel.get(label);
  }

  /** Every paper, in label (arrival) order. */
  all(): readonly PaperSummary[] {
    this.#ordered ??= [...this.#byLabel.values()].sort((a, b) => a.label - b.label);
    return this.#ordered;
  }

  upsert(paper: PaperSummary): void {
    const old = this.#byId.get(paper.id);
    if (old !== undefined) this.count(old, -1);
    this.#byId.set(paper.id, paper);
    this.#byLabel.set(paper.label, paper);
    this.count(paper, 1);
    this.#maxLabel = Math.max(this.#maxLabel, paper.label);
    this.#ordered = null;
  }

  remove(id: string): void {
    const old = this.#byId.get(id);
    if (old === undefined) return;
    this.count(old, -1);
    this.#byId.delete(id);
    this.#byLabel.delete(old.label);
    this.#ordered = null;
  }

  /**
   * How many papers pass `filter`, from the per-year counts. The date filters (`/papers new`, a watch's new
   * papers) are not counted ahead: those few queries scan the summaries (~3 ms at 100,000), so a filter that keeps
   * a handful of papers is known to, and those are scored exactly.
   */
  matching(filter: PaperFilter): number {
    if (filter.dailyFrom !== null || filter.addedFrom !== null) return this.all().filter((paper) => acceptsPaper(paper, filter)).length;
    let total = 0;
    for (const [year, counts] of this.#years) {
      if (filter.yearFrom !== null && (year === null || year < filter.yearFrom)) continue;
      if (filter.yearTo !== null && (year === null || year > filter.yearTo)) continue;
      total += filter.hasCode ? counts.withCode : counts.all;
    }
    return total;
  }

  private count(paper: PaperSummary, delta: 1 | -1): void {
    const year = paper.date?.year ?? null;
    const counts = this.#years.get(year) ?? { all: 0, withCode: 0 };
    counts.all += delta;
    if (paper.codeLinks.length > 0) counts.withCode += delta;
    this.#years.set(year, counts);
  }
}
