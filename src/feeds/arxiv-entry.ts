/** One Atom `<entry>` from the arXiv API → a {@link FetchedPaper}, or the reason it cannot be one. */
import { capList, capText, MAX_ABSTRACT_CHARS, MAX_TITLE_CHARS } from '../corpus/index.js';
import { normaliseArxivId } from './arxiv-id.js';
import { atomEntrySchema } from './arxiv-feed.js';
import { cleanTitle, collapseText, isoInstantOrNull } from './clean-text.js';
import type { FetchedPaper } from './fetched-paper.js';
import { describeIssues } from './zod-issues.js';

/**
 * An arXiv category (`cs.LG`, `hep-th`, `cond-mat.stat-mech`). Entries also carry
 * ACM (`I.2.6`) and MSC (`68T05`) classes as `<category>`; those are not arXiv
 * categories and are left out.
 */
export const ARXIV_CATEGORY = /^[a-z]+(?:-[a-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$/;

/** `http://arxiv.org/abs/2407.12345v2` (or https, or export.arxiv.org) → `2407.12345v2`. */
const ABS_URL = /^https?:\/\/(?:export\.|www\.)?arxiv\.org\/abs\//i;

export type ArxivEntryResult =
  | { readonly ok: true; readonly paper: FetchedPaper }
  | { readonly ok: false; readonly id: string | null; readonly reason: string };

function categories(primary: string | undefined, all: readonly { '@_term': string }[] | undefined): string[] {
  const terms = [primary, ...(all ?? []).map((c) => c['@_term'])].map((t) => t?.trim() ?? '');
  return [...new Set(terms.filter((t) => ARXIV_CATEGORY.test(t)))];
}

export function toArxivPaper(entry: unknown): ArxivEntryResult {
  const parsed = atomEntrySchema.safeParse(entry);
  if (!parsed.success) return { ok: false, id: null, reason: describeIssues(parsed.error) };
  const { id, title, summary, published, author, primary_category, category } = parsed.data;
  const rawId = id?.trim() ?? '';
  if (rawId === '') return { ok: false, id: null, reason: 'entry has no id' };
  const arxivId = normaliseArxivId(rawId.replace(ABS_URL, ''));
  if (arxivId === null) return { ok: false, id: null, reason: `entry id "${rawId.slice(0, 80)}" is not an arXiv abstract link` };
  const cleanedTitle = cleanTitle(title ?? '');
  if (cleanedTitle === '') return { ok: false, id: arxivId, reason: 'entry has no title' };
  if (cleanedTitle.length > MAX_TITLE_CHARS) {
    return { ok: false, id: arxivId, reason: `title is ${cleanedTitle.length} characters (limit ${MAX_TITLE_CHARS}): not a title` };
  }
  return {
    ok: true,
    paper: {
      arxivId,
      title: cleanedTitle,
      abstract: capText(collapseText(summary ?? ''), MAX_ABSTRACT_CHARS),
      authorNames: capList((author ?? []).map((a) => collapseText(a.name ?? '')).filter((name) => name !== '')),
      publishedAt: isoInstantOrNull(published),
      dailyDate: null,
      upvotes: null,
      aiSummary: null,
      aiKeywords: [],
      githubRepo: null,
      githubStars: null,
      projectPage: null,
      organization: null,
      categories: categories(primary_category?.['@_term'], category),
      source: 'arxiv',
    },
  };
}
