import { mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Vector } from '../../src/embedding/embedder.js';
import { loadOrBuildPaperIndex, type PaperVectorIndex } from '../../src/index/persisted-index.js';
import { DIMENSION, sharedEmbeddings } from './shared-vectors.js';

let byId: ReadonlyMap<string, Vector>;
let ids: string[];
let root: string;
let dir: string;
let built: PaperVectorIndex;
const vectorOf = (id: string): Vector => byId.get(id)!;

beforeAll(async () => {
  const all = await sharedEmbeddings();
  byId = new Map([...all].map(([id, v]) => [id, v.document]));
  ids = [...all.keys()];
  root = await mkdtemp(path.join(os.tmpdir(), 'paperbot-index-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
let run = 0;
beforeEach(async () => {
  dir = path.join(root, `index-${run++}`);
  built = await loadOrBuildPaperIndex(dir, ids, vectorOf, DIMENSION);
});

const indexFile = () => path.join(dir, 'papers.hnsw');
const metaFile = () => path.join(dir, 'index.json');

/** Top 10 ids for a few real papers: what "the same results" means for an index. */
function answers(index: PaperVectorIndex): string[][] {
  return [ids[0]!, ids[42]!, ids[209]!].map((id) => index.index.search(vectorOf(id), 10).map((n) => index.ids[n.label]!));
}

async function reopen(): Promise<PaperVectorIndex> {
  return loadOrBuildPaperIndex(dir, ids, vectorOf, DIMENSION);
}

describe('persisted paper index', () => {
  it('GIVEN no index on disk THEN it is built (loaded false) and written with its metadata', async () => {
    expect(built.loaded).toBe(false);
    expect(built.index.size).toBe(210);
    const meta = JSON.parse(await readFile(metaFile(), 'utf8')) as { version: number; dimension: number; ids: string[] };
    expect(meta).toMatchObject({ version: 1, dimension: DIMENSION, ids });
  });

  it('GIVEN an intact index on disk THEN the next start loads it and it answers exactly like the built one', async () => {
    const again = await reopen();
    expect(again.loaded).toBe(true);
    expect(answers(again)).toEqual(answers(built));
    // A paper's own vector finds the paper first: labels map back to the right ids.
    expect(answers(again)[1]![0]).toBe(ids[42]);
  });

  it.each([
    ['papers.hnsw truncated', async () => truncate(indexFile(), (await stat(indexFile())).size - 1000)],
    ['papers.hnsw emptied', async () => truncate(indexFile(), 0)],
    [
      'one byte of papers.hnsw flipped',
      async () => {
        const bytes = await readFile(indexFile());
        bytes[bytes.length >> 1] = bytes[bytes.length >> 1]! ^ 0xff;
        await writeFile(indexFile(), bytes);
      },
    ],
    ['papers.hnsw deleted', async () => rm(indexFile())],
    ['index.json not JSON', async () => writeFile(metaFile(), '{"version":1,"dimen')],
    ['index.json deleted', async () => rm(metaFile())],
    [
      'index.json of another version',
      async () => writeFile(metaFile(), JSON.stringify({ ...JSON.parse(await readFile(metaFile(), 'utf8')), version: 2 })),
    ],
    [
      'index.json listing the papers in another order',
      async () => {
        const meta = JSON.parse(await readFile(metaFile(), 'utf8')) as { ids: string[] };
        await writeFile(metaFile(), JSON.stringify({ ...meta, ids: [meta.ids[1], meta.ids[0], ...meta.ids.slice(2)] }));
      },
    ],
    [
      'index.json with one paper fewer',
      async () => {
        const meta = JSON.parse(await readFile(metaFile(), 'utf8')) as { ids: string[] };
        await writeFile(metaFile(), JSON.stringify({ ...meta, ids: meta.ids.slice(1) }));
      },
    ],
    [
      'index.json claiming another dimension',
      async () => writeFile(metaFile(), JSON.stringify({ ...JSON.parse(await readFile(metaFile(), 'utf8')), dimension: 768 })),
    ],
  ])('GIVEN %s THEN it is rebuilt (never trusted, never a crash) and answers exactly as before', async (_name, damage) => {
    await damage();
    const again = await reopen();
    expect(again.loaded).toBe(false);
    expect(again.index.size).toBe(210);
    expect(answers(again)).toEqual(answers(built));
    // The rebuilt index was saved: the start after that loads it.
    expect((await reopen()).loaded).toBe(true);
  });

  it('GIVEN the corpus gained a paper (ids changed) THEN the index is rebuilt to hold it', async () => {
    const fewer = ids.slice(0, 200);
    const small = await loadOrBuildPaperIndex(dir, fewer, vectorOf, DIMENSION);
    expect(small.loaded).toBe(false);
    expect(small.index.size).toBe(200);
    const grown = await reopen();
    expect(grown.loaded).toBe(false);
    expect(grown.index.size).toBe(210);
    expect(answers(grown)).toEqual(answers(built));
  });

  it('GIVEN an empty corpus THEN an empty index is built and a search finds nothing', async () => {
    const empty = await loadOrBuildPaperIndex(path.join(dir, 'empty'), [], vectorOf, DIMENSION);
    expect(empty.index.size).toBe(0);
    expect(empty.index.search(vectorOf(ids[0]!), 5)).toEqual([]);
    expect((await loadOrBuildPaperIndex(path.join(dir, 'empty'), [], vectorOf, DIMENSION)).loaded).toBe(true);
  });
});
