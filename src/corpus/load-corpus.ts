/**
 * A directory of Daily Papers dumps → the unique papers. Pure data out: what
 * was loaded, what was skipped and why; the caller decides what to log.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { mergePapers, type FileEntries } from './merge-papers.js';
import { parseListing, type ListingIssue } from './parse-listing.js';
import type { Paper } from './paper.js';
import { readListingFile } from './read-listing-file.js';

/** Only these files are listings; anything else in the directory (README, .gitkeep) is ignored silently. */
const LISTING_FILE = /\.txt$/i;

/** A file that was loaded. */
export interface LoadedFile {
  readonly file: string;
  /** Paper entries in the file, duplicates included. */
  readonly entries: number;
  /** sha256 of the file's bytes: lets a cache tell whether the corpus changed. */
  readonly sha256: string;
}

/** A `*.txt` file (or the directory itself) that could not be used, with a human reason. */
export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

/** A survivable oddity inside a loaded file (stray line, paper without abstract…). */
export interface CorpusIssue extends ListingIssue {
  readonly file: string;
}

export interface CorpusLoad {
  /** Unique papers, in order of first appearance (files by name, then line). */
  readonly papers: Paper[];
  readonly files: LoadedFile[];
  readonly skipped: SkippedFile[];
  readonly issues: CorpusIssue[];
  /** Newest modification time among loaded files; `null` when none loaded. */
  readonly updatedAt: Date | null;
}

/** Code-point order, so the result does not depend on the machine's locale. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Loads every `*.txt` listing in `dir` (not recursive), sorted by name.
 * Never throws for bad input: unreadable, empty, binary, oversized or
 * non-listing files — and a missing directory — are reported in `skipped`.
 */
export async function loadCorpus(dir: string): Promise<CorpusLoad> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => LISTING_FILE.test(name)).sort(byName);
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    const skipped = [{ file: dir, reason: `directory cannot be read (${code})` }];
    return { papers: [], files: [], skipped, issues: [], updatedAt: null };
  }

  const loaded: FileEntries[] = [];
  const files: LoadedFile[] = [];
  const skipped: SkippedFile[] = [];
  const issues: CorpusIssue[] = [];
  let updatedAt: Date | null = null;
  for (const file of names) {
    const read = await readListingFile(join(dir, file));
    if (!read.ok) {
      skipped.push({ file, reason: read.reason });
      continue;
    }
    const parsed = parseListing(read.text);
    if (!parsed.ok) {
      skipped.push({ file, reason: parsed.reason });
      continue;
    }
    loaded.push({ file, entries: parsed.entries });
    files.push({ file, entries: parsed.entries.length, sha256: read.sha256 });
    issues.push(...parsed.issues.map((issue) => ({ file, ...issue })));
    if (updatedAt === null || read.mtime > updatedAt) updatedAt = read.mtime;
  }
  return { papers: mergePapers(loaded), files, skipped, issues, updatedAt };
}
