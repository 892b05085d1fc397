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

/** A feed a paper was fetched from, and when (the latest fetch). */
export interface FeedOrigin {
  readonly source: 'huggingface' | 'arxiv';
  readonly fetchedAt: string;
}

export interface Paper {
  /** Stable id derived from the normalised title when the paper first arrived: survives restarts, re-ordering and renames. */
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** Number of authors, or `null` when no source said. */
  readonly authors: number | null;
  readonly date: PaperDate | null;
  /** Upvotes on Hugging Face (the latest fetch, else what a listing showed), or `null` when unknown. */
  readonly upvotes: number | null;
  /** Cleaned, absolute https links to code: found in the abstract, and the repository Hugging Face names. */
  readonly codeLinks: readonly string[];
  /** The paper's page: `https://huggingface.co/papers/<arXiv id>`, or a title search when the id is unknown. */
  readonly url: string;
  /** The arXiv id, when a feed said it (dumps carry none). */
  readonly arxivId: string | null;
  /** Author names, when a feed gave them (dumps only count authors). */
  readonly authorNames: readonly string[];
  /** Hugging Face's `ai_keywords`: searchable like words of the title. */
  readonly keywords: readonly string[];
  /** Hugging Face's `ai_summary`: shown only labelled as the site's summary. */
  readonly aiSummary: string | null;
  readonly projectPage: string | null;
  /** `YYYY-MM-DD`: the first Daily Papers day that listed it, when a feed said. */
  readonly dailyDate: string | null;
  /** Every listing entry this paper came from, in load order. */
  readonly sources: readonly PaperSource[];
  /** Every feed it was fetched from. */
  readonly feeds: readonly FeedOrigin[];
}
