/**
 * Papers merged again from every source they have, after one of their
 * sources changed: a dump file synced, or a feed that fetched them again.
 */
import type { FileEntries } from '../corpus/merge-papers.js';
import type { ListingEntry } from '../corpus/parse-listing.js';
import { paperWrite } from '../search/paper-texts.js';
import { timeSlicer } from '../time-slice.js';
import type { FetchedRow, PaperWrite, SourceRecord, Store } from '../store/store.js';
import { mergeSources } from './merge-sources.js';

export interface Remerged {
  /** In order of first appearance among the changed sources, then the others. */
  readonly upsert: readonly PaperWrite[];
  /** Papers left with no source at all. */
  readonly remove: readonly string[];
  /** The feed records to store: one per source and arXiv id (see latestOf). */
  readonly fetched: readonly FetchedRow[];
}

export interface SourceChange {
  /** Papers to merge again with their stored sources unchanged (a damaged row repaired). */
  readonly ids?: readonly string[];
  /** A dump file whose sources are replaced by `sources` (the others are read from the store). */
  readonly file?: { readonly name: string; readonly sources: readonly SourceRecord[] };
  /** Feed records that replace the stored ones of the same arXiv id and source. */
  readonly fetched?: readonly FetchedRow[];
}

const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const fetchedKey = (row: FetchedRow): string => `${row.paper.source}\u0000${row.paper.arxivId}`;

function groupByFile(sources: readonly SourceRecord[]): Map<string, FileEntries[]> {
  const byPaper = new Map<string, Map<string, ListingEntry[]>>();
  for (const source of [...sources].sort((a, b) => byName(a.file, b.file) || a.entry.line - b.entry.line)) {
    const files = byPaper.get(source.paperId) ?? new Map<string, ListingEntry[]>();
    files.set(source.file, [...(files.get(source.file) ?? []), source.entry]);
    byPaper.set(source.paperId, files);
  }
  return new Map([...byPaper].map(([id, files]) => [id, [...files].map(([file, entries]) => ({ file, entries }))]));
}

const earlier = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * One record per source and arXiv id: the latest fetch, but keeping the first
 * Daily Papers day that ever listed the paper (a paper listed again a day
 * later is not a newer paper).
 */
function latestOf(stored: readonly FetchedRow[], incoming: readonly FetchedRow[]): FetchedRow[] {
  const byKey = new Map<string, FetchedRow>();
  const keys = new Set(incoming.map(fetchedKey));
  for (const row of [...stored.filter((old) => keys.has(fetchedKey(old))), ...incoming]) {
    const key = fetchedKey(row);
    const previous = byKey.get(key);
    if (previous === undefined) {
      byKey.set(key, row);
      continue;
    }
    const latest = row.fetchedAt >= previous.fetchedAt ? row : previous;
    byKey.set(key, { ...latest, paper: { ...latest.paper, dailyDate: earlier(previous.paper.dailyDate, row.paper.dailyDate) } });
  }
  return [...byKey.values()];
}

export async function remerge(store: Store, change: SourceChange): Promise<Remerged> {
  const changedIds = [...(change.file?.sources ?? []), ...(change.fetched ?? [])].map((s) => s.paperId);
  const fileIds = change.file === undefined ? [] : await store.papers.idsFromFile(change.file.name);
  const affected = [...new Set([...(change.ids ?? []), ...changedIds, ...fileIds])];

  const storedSources = (await store.papers.sourcesOf(affected)).filter((s) => s.file !== change.file?.name);
  const dumps = groupByFile([...storedSources, ...(change.file?.sources ?? [])]);
  const stored = await store.papers.fetchedOf(affected);
  const incoming = latestOf(stored, change.fetched ?? []);
  const replaced = new Set(incoming.map(fetchedKey));
  const fetched = [...stored.filter((row) => !replaced.has(fetchedKey(row))), ...incoming];

  const fetchedById = new Map<string, FetchedRow[]>();
  for (const row of fetched) fetchedById.set(row.paperId, [...(fetchedById.get(row.paperId) ?? []), row]);

  const upsert: PaperWrite[] = [];
  const remove: string[] = [];
  // Deriving a paper's texts and terms is the costly part of a big dump: done in slices, so a running bot keeps answering.
  const slice = timeSlicer();
  for (const id of affected) {
    const own = fetchedById.get(id) ?? [];
    const files = dumps.get(id) ?? [];
    if (files.length === 0 && own.length === 0) remove.push(id);
    else upsert.push(paperWrite(mergeSources(id, files, own)));
    await slice();
  }
  return { upsert, remove, fetched: incoming };
}
