/**
 * The fake's data: Hugging Face Daily Papers days (JSON, the API's own shape)
 * and arXiv Atom entries, read once from `fixtures/`. The fake reads its
 * fixtures with fast-xml-parser like the real client does, but with its own
 * id pattern, so a bug in `src/feeds` is not mirrored here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

/** One stored arXiv entry: its Atom text as served, and what the fake needs to select it. */
export interface FixtureEntry {
  /** Bare id (no version), or null for the deliberately broken entry without one. */
  readonly id: string | null;
  readonly categories: readonly string[];
  readonly published: string;
  readonly xml: string;
}

export interface Fixtures {
  /** `YYYY-MM-DD` → the day's items, as parsed JSON. */
  readonly days: ReadonlyMap<string, unknown[]>;
  /** arXiv id → the paper object `GET /api/papers/{id}` serves (the latest day's copy). */
  readonly papers: ReadonlyMap<string, Record<string, unknown>>;
  readonly entries: readonly FixtureEntry[];
}

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_', removeNSPrefix: true, parseTagValue: false });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readEntry(text: string): FixtureEntry {
  const { entry } = xml.parse(text) as { entry: Record<string, unknown> };
  const rawId = typeof entry.id === 'string' ? entry.id : '';
  const id = /\/abs\/(.+?)(?:v\d+)?$/.exec(rawId)?.[1] ?? null;
  const category = entry.category;
  const terms = (Array.isArray(category) ? category : [category]).flatMap((c) => (isRecord(c) && typeof c['@_term'] === 'string' ? [c['@_term']] : []));
  return { id, categories: terms, published: String(entry.published), xml: text.trim() };
}

export function loadFixtures(): Fixtures {
  const days = new Map<string, unknown[]>();
  const papers = new Map<string, Record<string, unknown>>();
  const dayFiles = readdirSync(`${FIXTURES}huggingface/daily`).filter((f) => f.endsWith('.json')).sort();
  for (const file of dayFiles) {
    const items = JSON.parse(readFileSync(`${FIXTURES}huggingface/daily/${file}`, 'utf8')) as unknown[];
    days.set(file.replace(/\.json$/, ''), items);
    for (const item of items) {
      const paper = isRecord(item) && isRecord(item.paper) ? item.paper : null;
      if (paper !== null && typeof paper.id === 'string') papers.set(paper.id.replace(/v\d+$/, ''), paper);
    }
  }
  const entryFiles = readdirSync(`${FIXTURES}arxiv/entries`).filter((f) => f.endsWith('.xml')).sort();
  const entries = entryFiles.map((file) => readEntry(readFileSync(`${FIXTURES}arxiv/entries/${file}`, 'utf8')));
  return { days, papers, entries };
}
