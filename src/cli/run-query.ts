/**
 * Runs one CLI command against the engine and returns the engine's response
 * plus what the human renderer needs besides it (the title match, the paper
 * `similar` started from). Both renderers print from this one outcome.
 */
import type { Paper } from '../corpus/paper.js';
import { UserError } from '../errors.js';
import type { PaperEngine, PaperHit, SearchOptions, SearchResponse } from '../search/engine-types.js';
import { DEFAULT_K } from '../search/query.js';
import type { CliCommand } from './parse-args.js';
import { quote } from './terminal-text.js';

export type QueryOutcome =
  | { readonly kind: 'about' | 'ask'; readonly response: SearchResponse }
  /** `match` carries the whole abstract, which the title card shows instead of a summary. */
  | { readonly kind: 'title'; readonly match: Paper | null; readonly response: SearchResponse }
  | { readonly kind: 'similar'; readonly source: Paper; readonly response: SearchResponse };

/** How many close titles an unknown-paper message names. */
const CLOSEST_NAMED = 3;

/** The title lookup as a search response: the match first, then the next closest titles; low confidence without a match. */
async function titleOutcome(engine: PaperEngine, text: string, k: number): Promise<QueryOutcome> {
  const lookup = await engine.title(text);
  const papers = lookup.match === null ? lookup.alternatives : [lookup.match, ...lookup.alternatives];
  const results: PaperHit[] = [];
  for (const paper of papers.slice(0, k)) {
    const hit = await engine.hit(paper.id);
    if (hit !== undefined) results.push(hit);
  }
  const indexing = engine.status();
  return {
    kind: 'title',
    match: lookup.match,
    response: {
      query: lookup.query,
      lowConfidence: lookup.match === null,
      results,
      total: papers.length,
      indexing: indexing.embedded < indexing.papers ? { papers: indexing.papers, embedded: indexing.embedded, rebuildingIndex: indexing.vectorIndex === 'rebuilding' } : null,
    },
  };
}

/** A paper id, or a title the lookup is confident about; anything else is an UNKNOWN_PAPER naming the closest titles. */
export async function resolvePaper(engine: PaperEngine, text: string): Promise<Paper> {
  const byId = await engine.paper(text.trim());
  if (byId !== undefined) return byId;
  const lookup = await engine.title(text);
  if (lookup.match !== null) return lookup.match;
  const closest = lookup.alternatives.slice(0, CLOSEST_NAMED).map((paper) => quote(paper.title));
  const hint = closest.length > 0 ? ` Closest titles: ${closest.join('; ')}.` : '';
  throw new UserError('UNKNOWN_PAPER', `No paper has the id or title ${quote(text)}.${hint}`);
}

export async function runQuery(engine: PaperEngine, command: CliCommand, text: string, options: SearchOptions): Promise<QueryOutcome> {
  switch (command) {
    case 'about':
      return { kind: 'about', response: await engine.about(text, options) };
    case 'ask':
      return { kind: 'ask', response: await engine.ask(text, options) };
    case 'title':
      return titleOutcome(engine, text, options.k ?? DEFAULT_K);
    case 'similar': {
      const source = await resolvePaper(engine, text);
      return { kind: 'similar', source, response: await engine.similar(source.id, options) };
    }
  }
}
