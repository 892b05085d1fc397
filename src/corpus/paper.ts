/**
 * A paper as paperbot knows it: one record per unique paper, however many
 * listing files mention it.
 */

/** A calendar date as printed in a listing. The year is `null` when the listing omitted it. */
export interface PaperDate {
  readonly year: number | null;
  /** 1–12 */
  readonly month: number;
  /** 1–31 */
  readonly day: number;
}

/** Where a paper was seen: a listing file (its name within the seeds directory) and the 1-based line of its title. */
export interface PaperSource {
  readonly file: string;
  readonly line: number;
}

export interface Paper {
  /** Stable id derived from the normalised title: survives restarts and file re-ordering. */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** Number of authors, or `null` when the listing did not say. */
  readonly authors: number | null;
  readonly date: PaperDate | null;
  /** Upvotes shown after the date, or `null` when the listing showed none. */
  readonly upvotes: number | null;
  /** Cleaned, absolute https links to code found in the abstract. */
  readonly codeLinks: readonly string[];
  /** `https://huggingface.co/papers?q=<title>`: the dumps carry no arXiv ids. */
  readonly url: string;
  /** Every listing entry this paper came from, in load order. */
  readonly sources: readonly PaperSource[];
}
