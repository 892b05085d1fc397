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
 * its title. A title another arXiv paper already holds gets an id of its own.
 */
async function idFor(store: Store, record: FetchedRecord, assigned: ReadonlyMap<string, string>): Promise<string> {
  const { arxivId, title } = record.paper;
  const known = assigned.get(arxivId) ?? (await store.papers.idOfArxiv(arxivId));
  if (known !== undefined) return known;
  const byTitle = paperId(title);
  const holder = await store.papers.get(byTitle);
  if (holder === undefined || holder.arxivId === null || holder.arxivId === arxivId) return byTitle;
  return paperId(`arxiv:${arxivId}`);
}

export async function ingestFetched(
  store: Store,
  records: readonly FetchedRecord[],
  options: { readonly now: () => Date; readonly onChange?: (change: CorpusChangeResult) => void },
): Promise<FetchIngestReport> {
  const assigned = new Map<string, string>();
  const rows: FetchedRow[] = [];
  for (const record of records) {
    const id = await idFor(store, record, assigned);
    assigned.set(record.paper.arxivId, id);
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
