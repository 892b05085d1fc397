import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, stat, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus, type CorpusLoad } from '../../src/corpus/load-corpus.js';
import { parseListing } from '../../src/corpus/parse-listing.js';
import type { Paper } from '../../src/corpus/paper.js';
import { MAX_LISTING_BYTES } from '../../src/corpus/read-listing-file.js';
import { SEED_CODE_LINKS } from './seed-code-links.js';
import { FIXTURES_DIR, readSeed, SEED, SEEDS_DIR } from './seeds.js';
import { REPO_ROOT } from '../support/test-engine.js';

/** The raw abstract printed two lines under a title, straight from the file: an oracle independent of the parser. */
function rawAbstract(file: string, titleLine: number): string {
  return readSeed(file).split('\n')[titleLine + 1] ?? '';
}

/** What a paper known only from dumps has for the fields only feeds fill. */
const NO_FEED_FIELDS = { arxivId: null, authorNames: [], keywords: [], aiSummary: null, projectPage: null, dailyDate: null, feeds: [] };

function find(load: CorpusLoad, title: string): Paper {
  const paper = load.papers.find((p) => p.title === title);
  if (!paper) throw new Error(`paper not loaded: ${title}`);
  return paper;
}

let seeds: CorpusLoad;
beforeAll(async () => {
  seeds = await loadCorpus(SEEDS_DIR);
});

const temps: string[] = [];
/**
 * loadCorpus as a user that file permissions apply to: this process when it
 * is not root, else a child process run as `nobody` (root reads every file,
 * so only another user can meet EACCES for real).
 */
async function loadAs(dir: string): Promise<CorpusLoad> {
  if (process.getuid?.() !== 0) return loadCorpus(dir);
  const loader = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
  const module = pathToFileURL(join(REPO_ROOT, 'src', 'corpus', 'load-corpus.ts')).href;
  const code = `const { loadCorpus } = await import(${JSON.stringify(module)}); process.stdout.write(JSON.stringify(await loadCorpus(${JSON.stringify(dir)})));`;
  const NOBODY = 65534;
  const out = execFileSync(process.execPath, ['--import', loader, '--input-type=module', '-e', code], { uid: NOBODY, gid: NOBODY, cwd: dir, encoding: 'utf8' });
  return JSON.parse(out) as CorpusLoad;
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'paperbot-corpus-'));
  temps.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

describe('loadCorpus on the real seeds', () => {
  it('GIVEN the five seed files THEN 244 entries merge into exactly 210 unique papers', () => {
    expect(seeds.skipped).toEqual([]);
    expect(seeds.files.map((f) => [f.file, f.entries])).toEqual([
      [SEED.s000, 40],
      [SEED.s001, 34],
      [SEED.s002, 81],
      [SEED.s003, 63],
      [SEED.s004, 26],
    ]);
    expect(seeds.files.reduce((sum, f) => sum + f.entries, 0)).toBe(244);
    expect(seeds.papers).toHaveLength(210);
    expect(new Set(seeds.papers.map((p) => p.id)).size).toBe(210);
    // Papers first seen in each file (files load in name order).
    const firstSeen = Object.values(SEED).map((file) => seeds.papers.filter((p) => p.sources[0]?.file === file).length);
    expect(firstSeen).toEqual([40, 31, 70, 50, 19]);
    expect(seeds.papers.filter((p) => p.sources.length > 1)).toHaveLength(28);
    expect(seeds.papers.reduce((sum, p) => sum + p.sources.length, 0)).toBe(244);
  });

  it('GIVEN the seeds THEN sha256 per file, the one in-file issue and updatedAt (newest mtime) are reported', async () => {
    const sha = (file: string): string => createHash('sha256').update(readFileSync(join(SEEDS_DIR, file))).digest('hex');
    expect(seeds.files.map((f) => f.sha256)).toEqual(Object.values(SEED).map(sha));
    expect(seeds.issues).toEqual([{ file: SEED.s003, line: 413, reason: expect.stringContaining('RandLoRA') }]);
    const mtimes = await Promise.all(Object.values(SEED).map(async (f) => (await stat(join(SEEDS_DIR, f))).mtime.getTime()));
    expect(seeds.updatedAt?.getTime()).toBe(Math.max(...mtimes));
  });

  it('GIVEN a paper with upvotes (seed 000) THEN every field matches the listing', () => {
    const title = 'Data Mixture Inference: What do BPE Tokenizers Reveal about their Training Data?';
    expect(find(seeds, title)).toEqual({
      id: 'f049ed113fab',
      title,
      abstract: rawAbstract(SEED.s000, 309),
      authors: 5,
      date: { year: 2024, month: 7, day: 23 },
      upvotes: 2,
      codeLinks: [],
      url: 'https://huggingface.co/papers?q=Data%20Mixture%20Inference%3A%20What%20do%20BPE%20Tokenizers%20Reveal%20about%20their%20Training%20Data%3F',
      ...NO_FEED_FIELDS,
      sources: [{ file: SEED.s000, line: 309 }],
    });
  });

  it('GIVEN a year-less date with upvotes (seed 001, `Mar 25 2`) THEN year is null and upvotes 2', () => {
    const paper = find(seeds, 'Efficient Model Development through Fine-tuning Transfer');
    expect(paper).toMatchObject({ authors: 5, date: { year: null, month: 3, day: 25 }, upvotes: 2, sources: [{ file: SEED.s001, line: 261 }] });
    expect(paper.abstract).toBe(rawAbstract(SEED.s001, 261));
  });

  it('GIVEN a paper only in the author-less file 002 THEN authors, date and upvotes are null', () => {
    const title = 'Learning to Relax: Setting Solver Parameters Across a Sequence of Linear System Instances';
    expect(find(seeds, title)).toEqual({
      id: '4e123601ed54',
      title,
      abstract: rawAbstract(SEED.s002, 11),
      authors: null,
      date: null,
      upvotes: null,
      codeLinks: [],
      url: `https://huggingface.co/papers?q=${encodeURIComponent(title)}`,
      ...NO_FEED_FIELDS,
      sources: [{ file: SEED.s002, line: 11 }],
    });
  });

  it('GIVEN a paper in four files, one of them author-less THEN one paper lists all sources and keeps the metadata', () => {
    const paper = find(seeds, 'Geometry-Aware Adaptation for Pretrained Models');
    expect(paper).toMatchObject({ id: '58f227cbb4c1', authors: 7, date: { year: 2023, month: 7, day: 23 }, upvotes: null, codeLinks: [] });
    expect(paper.sources).toEqual([
      { file: SEED.s000, line: 293 },
      { file: SEED.s001, line: 181 },
      { file: SEED.s002, line: 331 },
      { file: SEED.s003, line: 237 },
    ]);
    expect(paper.abstract).toBe(rawAbstract(SEED.s003, 237));
  });

  it('GIVEN a paper in three files with a code link THEN the link appears once', () => {
    const paper = find(seeds, 'CodeGen2: Lessons for Training LLMs on Programming and Natural Languages');
    expect(paper.sources.map((s) => s.file)).toEqual([SEED.s000, SEED.s001, SEED.s002]);
    expect(paper.codeLinks).toEqual(['https://github.com/salesforce/CodeGen2']);
  });

  it('GIVEN every code link in the corpus THEN each is a clean absolute URL, and the set is exactly the pinned one', () => {
    const links = seeds.papers.flatMap((p) => p.codeLinks);
    for (const link of links) {
      expect(link).toMatch(/^https:\/\/[a-z0-9.-]+\.[a-z]+\/\S+$/);
      expect(link).not.toMatch(/[.,;:!?'")\]}]$|[{}\\~]/);
      expect(new URL(link).href).toBe(link);
    }
    expect([...links].sort()).toEqual(SEED_CODE_LINKS);
  });
});

describe('loadCorpus ids', () => {
  it('GIVEN the seeds copied under other names in reverse order THEN every paper keeps its id and data', async () => {
    const dir = await tempDir();
    const names = Object.values(SEED);
    await Promise.all(names.map((name, i) => copyFile(join(SEEDS_DIR, name), join(dir, `${names.length - i}-renamed.txt`))));
    const renamed = await loadCorpus(dir);
    expect(renamed.files.map((f) => f.file)).toEqual(['1-renamed.txt', '2-renamed.txt', '3-renamed.txt', '4-renamed.txt', '5-renamed.txt']);
    expect(renamed.papers).toHaveLength(210);
    const strip = ({ sources: _sources, ...rest }: Paper): Omit<Paper, 'sources'> => rest;
    const byId = new Map(renamed.papers.map((p) => [p.id, strip(p)]));
    for (const paper of seeds.papers) expect(byId.get(paper.id)).toEqual(strip(paper));
  });
});

describe('loadCorpus on bad input', () => {
  it('GIVEN malformed files beside good ones THEN each is skipped with a reason and the good ones still load', async () => {
    const dir = await tempDir();
    await copyFile(join(SEEDS_DIR, SEED.s004), join(dir, 'good-004.txt'));
    await copyFile(join(FIXTURES_DIR, 'one-paper.txt'), join(dir, 'one-paper.txt'));
    await copyFile(join(FIXTURES_DIR, 'prose.txt'), join(dir, 'prose.txt'));
    await writeFile(join(dir, 'empty.txt'), '');
    await writeFile(join(dir, 'blank.txt'), '\n  \n\t\n');
    await writeFile(join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x0d, 0x0a, 0x1a]));
    await writeFile(join(dir, 'latin1.txt'), Buffer.from('Daily Papers\n\nCaf\xe9 na\xefve\n', 'latin1'));
    await writeFile(join(dir, 'huge.txt'), '');
    await truncate(join(dir, 'huge.txt'), 21 * 1024 * 1024);
    await writeFile(join(dir, 'header-only.txt'), 'new\n\nSubscribe\n\nDaily Papers\n\nDec 11\n');
    await mkdir(join(dir, 'folder.txt'));
    await symlink(join(dir, 'does-not-exist'), join(dir, 'dangling.txt'));
    await writeFile(join(dir, 'README.md'), 'not a listing, and not a .txt: ignored silently');

    const load = await loadCorpus(dir);

    expect(21 * 1024 * 1024).toBeGreaterThan(MAX_LISTING_BYTES);
    expect(load.skipped).toEqual([
      { file: 'binary.txt', reason: 'binary file (contains NUL bytes)' },
      { file: 'blank.txt', reason: 'file is empty (only whitespace)' },
      { file: 'dangling.txt', reason: 'cannot be read (ENOENT)' },
      { file: 'empty.txt', reason: 'file is empty' },
      { file: 'folder.txt', reason: 'not a regular file' },
      { file: 'header-only.txt', reason: 'no paper entries found after the header' },
      { file: 'huge.txt', reason: 'file is too large (21.0 MB; the limit is 20.0 MB)' },
      { file: 'latin1.txt', reason: 'not valid UTF-8 text' },
      { file: 'prose.txt', reason: expect.stringMatching(/^missing the Daily Papers header/) },
    ]);
    expect(load.files.map((f) => [f.file, f.entries])).toEqual([
      ['good-004.txt', 26],
      ['one-paper.txt', 1],
    ]);
    expect(load.papers).toHaveLength(27);
    expect(load.papers.at(-1)).toMatchObject({
      title: 'A Tiny Paper About Nothing In Particular',
      authors: 2,
      date: { year: 2024, month: 2, day: 29 },
      upvotes: 7,
      codeLinks: ['https://github.com/example/nothing'],
      sources: [{ file: 'one-paper.txt', line: 13 }],
    });
  });

  it('regression: a UTF-16 file with a BOM (LE or BE) was skipped as binary', async () => {
    const dir = await tempDir();
    const text = readSeed(SEED.s004);
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le).swap16();
    await writeFile(join(dir, 'utf16be.txt'), be);
    await writeFile(join(dir, 'utf16le.txt'), le);
    const load = await loadCorpus(dir);
    expect(load.skipped).toEqual([]);
    expect(load.files.map((f) => [f.file, f.entries])).toEqual([['utf16be.txt', 26], ['utf16le.txt', 26]]);
    expect(load.files[1]?.sha256).toBe(createHash('sha256').update(le).digest('hex'));
    const parsed = parseListing(text);
    // Both copies merge: the papers are exactly those of the UTF-8 original.
    expect(load.papers.map((p) => [p.title, p.abstract, p.date])).toEqual(parsed.ok ? parsed.entries.map((e) => [e.title, e.abstract, e.date]) : []);
  });

  it('GIVEN UTF-16 that holds a NUL character, or an odd byte count THEN it is still refused', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'nul.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Daily Papers\u0000x', 'utf16le')]));
    await writeFile(join(dir, 'odd.txt'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Daily Papers', 'utf16le'), Buffer.from([0x41])]));
    expect((await loadCorpus(dir)).skipped).toEqual([
      { file: 'nul.txt', reason: 'binary file (contains NUL characters)' },
      { file: 'odd.txt', reason: 'not valid UTF-16LE text' },
    ]);
  });

  it('GIVEN a file without read permission THEN it is skipped as unreadable', async () => {
    const dir = await tempDir();
    await copyFile(join(FIXTURES_DIR, 'one-paper.txt'), join(dir, 'locked.txt'));
    await chmod(join(dir, 'locked.txt'), 0o000);
    await chmod(dir, 0o755);
    expect((await loadAs(dir)).skipped).toEqual([{ file: 'locked.txt', reason: 'cannot be read (EACCES)' }]);
  });

  it('GIVEN a directory that does not exist THEN the load is empty and says why, without throwing', async () => {
    const missing = join(await tempDir(), 'nope');
    expect(await loadCorpus(missing)).toEqual({
      papers: [],
      files: [],
      skipped: [{ file: missing, reason: 'directory cannot be read (ENOENT)' }],
      issues: [],
      updatedAt: null,
    });
  });

  it('GIVEN an empty directory THEN nothing is loaded and nothing is skipped', async () => {
    expect(await loadCorpus(await tempDir())).toMatchObject({ papers: [], files: [], skipped: [], updatedAt: null });
  });
});
