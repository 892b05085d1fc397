/**
 * An arXiv API response (Atom 1.0, https://info.arxiv.org/help/api/user-manual.html
 * §3.3) → its entries, parsed with fast-xml-parser and checked with zod.
 * Errors come back as a feed with one entry whose id is
 * `http://arxiv.org/api/errors#…` and whose title is `Error` (§3.4); that is
 * reported as the problem, not as a paper.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';

/** Tags that may repeat and must always be arrays, even when there is only one. */
const REPEATED = new Set(['entry', 'author', 'category', 'link']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // `opensearch:totalResults` → `totalResults`, `arxiv:primary_category` → `primary_category`, whatever the prefix.
  removeNSPrefix: true,
  // Ids such as 2407.12340 must stay strings, not become numbers.
  parseTagValue: false,
  parseAttributeValue: false,
  // Character references (`Caf&#xE9;`) are XML and must be decoded; the parser decodes them only with its
  // HTML entities on (which adds named ones like &nbsp; and keeps its expansion limits).
  htmlEntities: true,
  isArray: (tagName) => REPEATED.has(tagName),
});

/** Element text: a plain string, or `#text` when the element also has attributes (`<title type="html">`). */
const text = z.union([z.string(), z.object({ '#text': z.string() }).transform((node) => node['#text'])]);
const term = z.object({ '@_term': z.string() });

/** One `<entry>` as paperbot reads it; elements it does not use are ignored. */
export const atomEntrySchema = z.object({
  id: text.optional(),
  title: text.optional(),
  summary: text.optional().catch(undefined),
  published: text.optional().catch(undefined),
  author: z.array(z.object({ name: text.optional().catch(undefined) }).catch({})).optional().catch(undefined),
  primary_category: term.optional().catch(undefined),
  category: z.array(term.catch({ '@_term': '' })).optional().catch(undefined),
});

export type AtomEntry = z.infer<typeof atomEntrySchema>;

const feedSchema = z.object({
  feed: z.object({
    totalResults: text.optional().catch(undefined),
    entry: z.array(z.unknown()).optional(),
  }),
});

export interface ArxivFeed {
  readonly totalResults: number | null;
  /** Raw entries: each is validated by the caller, so one bad entry is skipped, not the feed. */
  readonly entries: readonly unknown[];
}

/** The feed, or `{ problem }` for a body that is not a usable feed, or `{ apiError }` for arXiv's error entry. */
export type ParsedArxivFeed =
  | { readonly ok: true; readonly feed: ArxivFeed }
  | { readonly ok: false; readonly problem: string; readonly apiError: boolean };

/** arXiv's error entries have ids under `…/api/errors#…`: a real paper titled "Error" does not. */
function errorMessage(entries: readonly unknown[]): string | null {
  for (const raw of entries) {
    const entry = atomEntrySchema.safeParse(raw);
    if (entry.success && /\/api\/errors(?:#|$)/.test(entry.data.id ?? '')) {
      return (entry.data.summary ?? entry.data.title ?? 'unspecified error').trim();
    }
  }
  return null;
}

export function parseArxivFeed(xml: string): ParsedArxivFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return { ok: false, apiError: false, problem: `not well-formed XML (line ${valid.err.line}: ${valid.err.msg})` };
  }
  let document: unknown;
  try {
    document = parser.parse(xml);
  } catch (error) {
    return { ok: false, apiError: false, problem: `XML could not be read (${error instanceof Error ? error.message : String(error)})` };
  }
  const parsed = feedSchema.safeParse(document);
  if (!parsed.success) return { ok: false, apiError: false, problem: 'not an Atom feed (no <feed> element)' };
  const entries = parsed.data.feed.entry ?? [];
  const apiError = errorMessage(entries);
  if (apiError !== null) return { ok: false, apiError: true, problem: apiError };
  const total = Number(parsed.data.feed.totalResults?.trim());
  return { ok: true, feed: { totalResults: Number.isInteger(total) && total >= 0 ? total : null, entries } };
}
