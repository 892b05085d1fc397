/**
 * `papers fetch` and `papers add` against the fake upstream, on a private
 * copy of the bundled store: the same feed service the bot runs.
 */
import os from 'node:os';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/store/data-dir.js';
import { FakeUpstream } from '../fake-upstream/fake-upstream.js';
import { removeTemps } from '../support/temp-dir.js';
import { privateDataDir, REPO_ROOT, SEEDS_DIR } from '../support/test-engine.js';
import path from 'node:path';
import { runWith, STACK_LINE } from './cli-harness.js';
import { createEngine } from '../../src/search/create-engine.js';

let fake: FakeUpstream;
let env: Record<string, string>;
beforeAll(async () => {
  fake = await FakeUpstream.start();
  env = { DATA_DIR: await privateDataDir(), SEEDS_DIR, MODELS_DIR: path.join(REPO_ROOT, 'models'), HF_API_BASE: fake.baseUrl, ARXIV_API_BASE: fake.baseUrl };
});
afterAll(async () => {
  await fake.close();
  await removeTemps();
});

const run = (argv: string[]) => runWith(argv, createEngine, { env });

describe('papers fetch', () => {
  it('GIVEN --date THEN that day is fetched and stored, and the report says what was new, as text or one JSON line', { timeout: 120_000 }, async () => {
    const text = await run(['fetch', '--date', '2024-07-24']);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('2024-07-24: 7 fetched, 6 new, 1 updated\n');
    const json = await run(['fetch', '--date', '2024-07-26', '--json']);
    expect(json.code).toBe(0);
    const [day] = JSON.parse(json.stdout).fetched;
    expect(day).toMatchObject({ source: 'huggingface', what: '2024-07-26', fetched: 6, notModified: false, error: null });
    expect(day.skipped).toHaveLength(5);
    // Fetched papers are searchable afterwards, by a new process, with the feeds' fields in --json.
    const about = await run(['about', 'multilingual speech recognition with sparse adapters', '--json', '--k', '1']);
    expect(JSON.parse(about.stdout).results[0]).toMatchObject({
      arxivId: '2407.17002',
      url: 'https://huggingface.co/papers/2407.17002',
      arxivUrl: 'https://arxiv.org/abs/2407.17002',
      pdfUrl: 'https://arxiv.org/pdf/2407.17002',
    });
  });

  it('GIVEN the upstream down THEN exit 1 with the failed day named, no stack trace', { timeout: 60_000 }, async () => {
    fake.fault('daily', { kind: 'status', status: 500 }, Infinity);
    try {
      const result = await run(['fetch', '--date', '2024-07-25']);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^2024-07-25: failed — /);
      expect(result.stderr).not.toMatch(STACK_LINE);
    } finally {
      fake.clearFaults();
    }
  });

  it('GIVEN bad options THEN exit 2 with a usage line, before anything is opened', async () => {
    for (const argv of [['fetch', '--date', '2024-13-01'], ['fetch', '--days', '99'], ['fetch', 'today'], ['fetch', '--date', '2024-07-24', '--days', '2']]) {
      const result = await run(argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/^paperbot: /);
    }
  });
});

describe('papers add', () => {
  it('GIVEN an id only arXiv has THEN the paper is fetched, embedded and printed as title prints it', { timeout: 120_000 }, async () => {
    const result = await run(['add', 'https://arxiv.org/abs/2406.19999v2', '--json']);
    expect(result.code).toBe(0);
    const [paper] = JSON.parse(result.stdout).results;
    expect(paper).toMatchObject({ arxivId: '2406.19999', title: 'On the Calibration of Small Language Models Under Distribution Shift' });
    const similar = await run(['similar', paper.id, '--json', '--k', '2']);
    expect(JSON.parse(similar.stdout).results).toHaveLength(2);
  });

  it('GIVEN a malformed id or one nobody knows THEN exit 2 with a message on stderr and nothing on stdout', { timeout: 60_000 }, async () => {
    const malformed = await run(['add', 'not-a-paper']);
    expect(malformed).toMatchObject({ code: 2, stdout: '' });
    expect(malformed.stderr).toMatch(/^paperbot: .*not an arXiv id/);
    const unknown = await run(['add', '2407.99999']);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toBe('paperbot: neither Hugging Face nor arXiv knows the paper 2407.99999.\n');
  });

  it('regression: GIVEN --json and an id that cannot be added THEN stdout holds an error object too (it was empty)', { timeout: 60_000 }, async () => {
    const malformed = await run(['add', 'not-a-paper', '--json']);
    expect(malformed.code).toBe(2);
    expect(JSON.parse(malformed.stdout)).toEqual({ query: 'not-a-paper', error: { code: 'MALFORMED_ID', message: expect.stringMatching(/not an arXiv id/) } });
    const unknown = await run(['add', '2407.99999', '--json']);
    expect(JSON.parse(unknown.stdout)).toEqual({ query: '2407.99999', error: { code: 'NOT_FOUND', message: 'neither Hugging Face nor arXiv knows the paper 2407.99999.' } });
  });
});

describe('a store another process writes', () => {
  it('GIVEN a live bot process holds the store THEN add exits 2 naming it, with --json an error object on stdout, and nothing is fetched', { timeout: 120_000 }, async () => {
    const dataDir = await privateDataDir();
    // The lease of a live process on this host (this test's parent): engines in this process would share ours.
    const now = new Date().toISOString();
    const db = new Database(path.join(dataDir, DB_FILE));
    try {
      db.prepare('INSERT INTO writer_lease (slot, pid, host, kind, token, since, heartbeat_at) VALUES (1, ?, ?, ?, ?, ?, ?)').run(process.ppid, os.hostname(), 'bot', `${os.hostname()}:${process.ppid}`, now, now);
    } finally {
      db.close();
    }
    const before = fake.requests.length;
    const result = await runWith(['add', '2407.16001', '--json'], createEngine, { env: { ...env, DATA_DIR: dataDir } });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^paperbot: add stores papers, and another paperbot process writes DATA_DIR: bot/);
    expect(JSON.parse(result.stdout)).toEqual({ query: '2407.16001', error: { code: 'STORE_HELD', message: expect.stringMatching(/^add stores papers, and another paperbot process writes DATA_DIR/) } });
    expect(fake.requests.length).toBe(before);
  });
});
