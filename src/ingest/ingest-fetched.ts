/**
 * Fetched papers → the store. A fetched paper is identified by its arXiv
 * id; a paper already known from a dump (the same normalised title) is the
 * same paper, keeping its id, so digest posts recorded for it still match.
 * Each record is merged with every other source of its paper and written
 * with its feed record, a chunk per transaction.
 */
import { paperId } from '../corpus/paper-id.js';
import type { CorpusChangeResult, FetchedRow, Store } from '../store/store.js';
import type { FetchedRecord } from './merge-sources.js';
import { remerge } from './remerge.js';
import { yieldToLoop } from '../time-slice.js';

/** Papers per transaction, as for dumps. */
const CHUNK = 200;

export interface FetchIngestReport {
  readonly changes: readonly CorpusChangeResult[];
  /** Paper id of each record, in the order given. */
  readonly ids: readonly string[];
}

/**
 * The id a fetched paper is stored under: the one its arXiv id already has,
 * else the id of the paper with its title (a dump's copy), else a new one from
 * its title. A title another arXiv paper already holds — in the store, or
 * earlier in the same batch (`holders`: id → arXiv id) — gets an id of its own.
 */
async function idFor(store: Store, record: FetchedRecord, assigned: ReadonlyMap<string, string>, holders: ReadonlyMap<string, string>): Promise<string> {
  const { arxivId, title } = record.paper;
  const known = assigned.get(arxivId) ?? (await store.papers.idOfArxiv(arxivId));
  if (known !== undefined) return known;
  const byTitle = paperId(title);
  const batchHolder = holders.get(byTitle);
  if (batchHolder !== undefined && batchHolder !== arxivId) return paperId(`arxiv:${arxivId}`);
  const holder = await store.papers.get(byTitle);
  if (holder === undefined || holder.arxivId === arxivId) return byTitle;
  // A dump's paper (no arXiv id) is this one only if the abstracts agree too: a title alone is easy to copy.
  if (holder.arxivId === null && sameAbstract(holder.abstract, record.paper.abstract)) return byTitle;
  return paperId(`arxiv:${arxivId}`);
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/\p{L}{4,}/gu) ?? []);

/**
 * Two copies of one abstract (a dump's and a feed's: the same text, cleaned differently, maybe cut) share most of
 * their words; two papers that merely share a title do not. An empty side cannot tell, and is taken as agreeing.
 */
export function sameAbstract(a: string, b: string): boolean {
  const left = words(a);
  const right = words(b);
  if (left.size === 0 || right.size === 0) return true;
  let shared = 0;
  for (const word of left) if (right.has(word)) shared++;
  return shared / Math.min(left.size, right.size) >= 0.6;
}

export async function ingestFetched(
  store: Store,
  records: readonly FetchedRecord[],
  options: { readonly now: () => Date; readonly onChange?: (change: CorpusChangeResult) => void },
): Promise<FetchIngestReport> {
  const assigned = new Map<string, string>();
  const holders = new Map<string, string>();
  const rows: FetchedRow[] = [];
  for (const record of records) {
    const id = await idFor(store, record, assigned, holders);
    assigned.set(record.paper.arxivId, id);
    holders.set(id, record.paper.arxivId);
    rows.push({ paperId: id, fetchedAt: record.fetchedAt, paper: record.paper });
  }
  const changes: CorpusChangeResult[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const { upsert, remove, fetched } = await remerge(store, { fetched: chunk });
    const change = await store.papers.apply({ replaceSourcesOf: null, sources: [], dumpFile: null, fetched, upsert, remove, now: options.now() });
    changes.push(change);
    options.onChange?.(change);
    if (i + CHUNK < rows.length) await yieldToLoop();
  }
  return { changes, ids: rows.map((row) => row.paperId) };
}
