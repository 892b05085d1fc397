/**
 * `--json` output: one JSON object per line. The shape is the engine's
 * `SearchResponse` without `total`, built field by field so the key order is
 * fixed and nothing the engine adds later leaks out unannounced.
 */
import { isoPaperDate } from '../corpus/paper-date.js';
import type { FetchReport } from '../feeds/feed-service.js';
import type { AnswerSentence, PaperHit, SearchResponse } from '../search/engine-types.js';

/** An expected or unexpected failure of one query, as a batch reports it. */
export interface QueryFailure {
  readonly code: string;
  readonly message: string;
}

function hitJson(hit: PaperHit) {
  return {
    id: hit.id,
    title: hit.title,
    summary: hit.summary,
    score: hit.score,
    // ISO 8601 only here, at the output: `2024-07-24`, or `--04-14` when the listing gave no year.
    date: hit.date === null ? null : isoPaperDate(hit.date),
    arxivId: hit.arxivId,
    authorNames: [...hit.authorNames],
    arxivUrl: hit.arxivUrl,
    pdfUrl: hit.pdfUrl,
    keywords: [...hit.keywords],
    authors: hit.authors,
    upvotes: hit.upvotes,
    codeLinks: [...hit.codeLinks],
    url: hit.url,
  };
}

function answerJson(sentence: AnswerSentence) {
  return { text: sentence.text, paperId: sentence.paperId, title: sentence.title, citation: sentence.citation };
}

/** `{"query","lowConfidence","results",["answer"],["indexing"]}` on one line. */
export function responseJson(response: SearchResponse): string {
  const json = {
    query: response.query,
    lowConfidence: response.lowConfidence,
    results: response.results.map(hitJson),
    ...(response.answer === undefined ? {} : { answer: response.answer.map(answerJson) }),
    ...(response.indexing === null ? {} : { indexing: { papers: response.indexing.papers, embedded: response.indexing.embedded } }),
  };
  return `${JSON.stringify(json)}\n`;
}

/** `papers fetch --json`: `{"fetched":[{"source","what","fetched","added","updated","skipped","notModified","error"}]}`. */
export function fetchReportJson(reports: readonly FetchReport[]): string {
  return `${JSON.stringify({
    fetched: reports.map((r) => ({
      source: r.source,
      what: r.what,
      fetched: r.fetched,
      added: [...r.added],
      updated: [...r.updated],
      skipped: r.skipped.map((s) => ({ id: s.id, reason: s.reason })),
      notModified: r.notModified,
      error: r.error,
    })),
  })}\n`;
}

/** How much of a failed line an error object quotes: enough to find the line, never a 50 MB echo. */
export const MAX_FAILED_QUERY_CHARS = 300;

/** The start of `text`, cut at MAX_FAILED_QUERY_CHARS with "…" (never half of a surrogate pair). */
export function quotedQuery(text: string): string {
  if (text.length <= MAX_FAILED_QUERY_CHARS) return text;
  return `${text.slice(0, MAX_FAILED_QUERY_CHARS).replace(/[\uD800-\uDBFF]$/, '')}…`;
}

/** `{"query","error":{"code","message"}}` on one line: a batch line that failed, its query quoted at most {@link MAX_FAILED_QUERY_CHARS} characters. */
export function failureJson(query: string, failure: QueryFailure): string {
  return `${JSON.stringify({ query: quotedQuery(query), error: { code: failure.code, message: quotedQuery(failure.message) } })}\n`;
}
