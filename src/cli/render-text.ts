/**
 * Human output for each command: numbered paper cards, a plain warning line
 * first when the match is weak, and for `ask` the quoted answer with `[n]`
 * citations pointing at the numbered papers under it.
 */
import type { IndexingNote, PaperHit, SearchResponse } from '../search/engine-types.js';
import { indexingText } from '../search/indexing-text.js';
import { paperCard, paperLine } from './paper-card-text.js';
import type { QueryOutcome } from './run-query.js';
import { block, quote, type Layout } from './terminal-text.js';

const LOW_CONFIDENCE = 'Nothing in the corpus closely matches this query; the nearest papers are:';

function indexingLines(layout: Layout, note: IndexingNote | null): string[] {
  return note === null ? [] : [...block(layout, `(${indexingText(note)})`, { format: 'dim' }), ''];
}

/** Cards numbered from `first`, a blank line between them. */
function cards(layout: Layout, hits: readonly PaperHit[], first = 1, withSummary = true): string[] {
  return hits.flatMap((hit, index) => [
    ...(index > 0 ? [''] : []),
    ...paperCard(layout, hit, `${first + index}.`, withSummary ? hit.summary : ''),
  ]);
}

function heading(layout: Layout, text: string): string[] {
  return block(layout, text, { format: 'bold' });
}

function resultList(layout: Layout, response: SearchResponse, header: string[]): string[] {
  if (response.results.length === 0) return [...header, 'No papers match these filters.'];
  const warning = response.lowConfidence ? [...block(layout, LOW_CONFIDENCE), ''] : [];
  return [...header, ...warning, ...cards(layout, response.results)];
}

function titleText(layout: Layout, outcome: Extract<QueryOutcome, { kind: 'title' }>): string[] {
  const { response, match } = outcome;
  if (match === null) {
    if (response.results.length === 0) return block(layout, `No paper titled ${quote(response.query)}, and no title comes close.`);
    return [...block(layout, `No paper titled ${quote(response.query)}; closest:`), '', ...cards(layout, response.results)];
  }
  const [found, ...others] = response.results;
  if (found === undefined) return [];
  const lines = paperCard(layout, found, '1.', match.abstract);
  if (others.length === 0) return lines;
  return [...lines, '', ...heading(layout, 'Other close titles:'), ...others.flatMap((hit, i) => paperLine(layout, hit, `${i + 2}.`))];
}

function askText(layout: Layout, response: SearchResponse): string[] {
  const answer = response.answer ?? [];
  if (response.lowConfidence || answer.length === 0) {
    const cannot = `The corpus can't answer ${quote(response.query)}.`;
    if (response.results.length === 0) return block(layout, cannot);
    return [...block(layout, `${cannot} The nearest papers, which may not be relevant:`), '', ...cards(layout, response.results)];
  }
  // The engine numbers citations and lists the cited papers first, in that order.
  // Sources show no summary: their quoted sentences are right above.
  const cited = new Set(answer.map((sentence) => sentence.paperId));
  const sources = response.results.filter((hit) => cited.has(hit.id));
  const others = response.results.filter((hit) => !cited.has(hit.id));
  const sentences = answer.flatMap((s) => block(layout, `${s.text} [${s.citation}]`, { indent: 2, label: '• ' }));
  const more = others.length === 0 ? [] : ['', ...heading(layout, 'Also related:'), ...cards(layout, others, sources.length + 1)];
  return [...heading(layout, 'From the abstracts:'), ...sentences, '', ...heading(layout, 'Sources:'), ...cards(layout, sources, 1, false), ...more];
}

/** The whole human output for one query, ending with a newline. */
export function renderText(outcome: QueryOutcome, layout: Layout): string {
  let lines: string[];
  switch (outcome.kind) {
    case 'about':
      lines = resultList(layout, outcome.response, []);
      break;
    case 'similar':
      lines = resultList(layout, outcome.response, [...block(layout, `Papers similar to “${outcome.source.title}”:`), '']);
      break;
    case 'title':
      lines = titleText(layout, outcome);
      break;
    case 'ask':
      lines = askText(layout, outcome.response);
      break;
  }
  return `${[...indexingLines(layout, outcome.response.indexing), ...lines].join('\n')}\n`;
}
