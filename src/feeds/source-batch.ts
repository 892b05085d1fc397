/**
 * What one source call yields: the papers it could read, what it had to
 * skip and why, and every response it received, as received.
 */
import type { FetchedPaper } from './fetched-paper.js';
import type { RawResponse } from './raw-response.js';

/** An upstream item that did not become a paper. */
export interface SkippedItem {
  /**
   * Position among the items this call received (across all its requests),
   * or, for an id refused before any request, its position in the caller's list.
   */
  readonly index: number;
  /** The arXiv id when one could be read. */
  readonly id: string | null;
  readonly reason: string;
}

export interface SourceBatch {
  readonly papers: readonly FetchedPaper[];
  readonly skipped: number;
  readonly skippedReasons: readonly SkippedItem[];
  /** True when every request came back 304: nothing new, and `papers` is empty. */
  readonly notModified: boolean;
  /** One per request made, in order. */
  readonly raw: readonly RawResponse[];
}

/** Collects papers and skips while a source walks a response. */
export class BatchBuilder {
  readonly papers: FetchedPaper[] = [];
  readonly skippedReasons: SkippedItem[] = [];
  readonly raw: RawResponse[] = [];
  private readonly seen = new Map<string, number>();

  skip(index: number, id: string | null, reason: string): void {
    this.skippedReasons.push({ index, id, reason });
  }

  /** Adds a paper unless the same id came earlier in this call (then it is a skip). */
  add(index: number, paper: FetchedPaper): void {
    const first = this.seen.get(paper.arxivId);
    if (first !== undefined) {
      this.skip(index, paper.arxivId, `same paper as item ${first}`);
      return;
    }
    this.seen.set(paper.arxivId, index);
    this.papers.push(paper);
  }

  build(notModified: boolean): SourceBatch {
    const { papers, skippedReasons, raw } = this;
    return { papers, skipped: skippedReasons.length, skippedReasons, notModified, raw };
  }
}
