/**
 * One Hugging Face paper object → a {@link FetchedPaper}, or the reason it
 * cannot be one.
 */
import { capList, capText, MAX_ABSTRACT_CHARS, MAX_SITE_SUMMARY_CHARS, MAX_TITLE_CHARS } from '../corpus/index.js';
import { normaliseArxivId } from './arxiv-id.js';
import { cleanTitle, collapseText, countOrNull, httpUrlOrNull, isoInstantOrNull, textOrNull } from './clean-text.js';
import type { FetchedPaper } from './fetched-paper.js';
import { hfAuthorSchema, type HfPaper } from './huggingface-schema.js';

/** Item-level context: the listing day, and the item's own copies of title and abstract. */
export interface HfPaperContext {
  /** The Daily Papers day whose listing this came from; null for a single-paper lookup. */
  readonly dailyDate: string | null;
  readonly fallbackTitle?: string | null;
  readonly fallbackSummary?: string | null;
}

/** A paper, or why not, with the id when one could be read. */
export type HfPaperResult = { readonly ok: true; readonly paper: FetchedPaper } | { readonly ok: false; readonly id: string | null; readonly reason: string };

/**
 * Hidden authors are kept. On the Hub `hidden` is about the Hub's own page
 * ("Whether the author is hidden on the Hub", huggingface_hub `PaperAuthor`;
 * authors choose whether a paper shows on their profile,
 * https://huggingface.co/docs/hub/paper-pages), not about authorship: the
 * names are the arXiv author list, public on arXiv, and dropping them would
 * make this source disagree with the arXiv source about the same paper.
 */
function authorNames(authors: readonly unknown[] | null | undefined): string[] {
  const names: string[] = [];
  for (const author of authors ?? []) {
    const parsed = hfAuthorSchema.safeParse(author);
    const name = parsed.success ? collapseText(parsed.data.name) : '';
    if (name !== '') names.push(name);
  }
  return names;
}

function keywords(values: readonly unknown[] | null | undefined): string[] {
  return (values ?? []).flatMap((value) => {
    const keyword = typeof value === 'string' ? collapseText(value) : '';
    return keyword === '' ? [] : [keyword];
  });
}

function siteSummary(value: string | null | undefined): string | null {
  const text = textOrNull(value);
  return text === null ? null : capText(text, MAX_SITE_SUMMARY_CHARS);
}

function organizationName(org: HfPaper['organization']): string | null {
  if (org === null || org === undefined) return null;
  if (typeof org === 'string') return textOrNull(org);
  return textOrNull(org.fullname) ?? textOrNull(org.name);
}

/** `2024-07-24T00:00:00.000Z` → `2024-07-24` (the Hub stores the listing day as midnight UTC). */
function utcDay(value: string | null | undefined): string | null {
  const instant = isoInstantOrNull(value);
  return instant === null ? null : instant.slice(0, 10);
}

export function toFetchedPaper(paper: HfPaper, context: HfPaperContext): HfPaperResult {
  const arxivId = normaliseArxivId(paper.id);
  if (arxivId === null) return { ok: false, id: null, reason: `"${paper.id.slice(0, 40)}" is not an arXiv id` };
  const title = cleanTitle(textOrNull(paper.title) ?? textOrNull(context.fallbackTitle) ?? '');
  if (title === '') return { ok: false, id: arxivId, reason: 'no title' };
  if (title.length > MAX_TITLE_CHARS) {
    return { ok: false, id: arxivId, reason: `title is ${title.length} characters (limit ${MAX_TITLE_CHARS}): not a title` };
  }
  return {
    ok: true,
    paper: {
      arxivId,
      title,
      abstract: capText(collapseText(paper.summary ?? context.fallbackSummary ?? ''), MAX_ABSTRACT_CHARS),
      authorNames: capList(authorNames(paper.authors)),
      publishedAt: isoInstantOrNull(paper.publishedAt),
      dailyDate: context.dailyDate ?? utcDay(paper.submittedOnDailyAt),
      upvotes: countOrNull(paper.upvotes),
      aiSummary: siteSummary(paper.ai_summary),
      aiKeywords: capList(keywords(paper.ai_keywords)),
      githubRepo: httpUrlOrNull(paper.githubRepo),
      githubStars: countOrNull(paper.githubStars),
      projectPage: httpUrlOrNull(paper.projectPage),
      organization: organizationName(paper.organization),
      categories: [],
      source: 'huggingface',
    },
  };
}
