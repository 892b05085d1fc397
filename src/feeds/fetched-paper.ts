/**
 * A paper as an upstream feed describes it, before it meets the store or the
 * listing dumps: one shape whichever source it came from.
 */

/** Where a {@link FetchedPaper} came from. */
export type FeedSourceName = 'huggingface' | 'arxiv';

export interface FetchedPaper {
  /** Normalised, no version suffix: `2407.12345` or old-style `hep-th/9901001`. */
  readonly arxivId: string;
  /** One line: control and zero-width characters removed, whitespace collapsed. */
  readonly title: string;
  /** Whitespace collapsed; LaTeX is kept as text. */
  readonly abstract: string;
  readonly authorNames: readonly string[];
  /** ISO 8601 instant. */
  readonly publishedAt: string | null;
  /** `YYYY-MM-DD`: the Daily Papers day that listed it (Hugging Face only). */
  readonly dailyDate: string | null;
  readonly upvotes: number | null;
  readonly aiSummary: string | null;
  readonly aiKeywords: readonly string[];
  /** Only an http(s) URL, else null. */
  readonly githubRepo: string | null;
  readonly githubStars: number | null;
  /** Only an http(s) URL, else null. */
  readonly projectPage: string | null;
  readonly organization: string | null;
  /** arXiv categories when known, primary first. */
  readonly categories: readonly string[];
  readonly source: FeedSourceName;
}
