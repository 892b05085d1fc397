/**
 * A dump read, hashed and parsed: here for small files, in a worker thread for
 * big ones, with the same answer either way.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readAndParse, readDump, WORKER_PARSE_BYTES } from '../../src/ingest/read-dump.js';
import { ENGINE_FIXTURES, FIRST_FILE } from '../search/fixture-seeds.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';

afterEach(() => removeTemps());

async function bigDump(): Promise<string> {
  const dir = await tempDir('dump');
  const header = (await readFile(path.join(ENGINE_FIXTURES, FIRST_FILE), 'utf8')).split('\n').slice(0, 11).join('\n');
  const body = Array.from({ length: 6_000 }, (_, i) => `Paper number ${i}: on synthetic topic ${i}\nWe study synthetic topic ${i} in depth, with an abstract long enough to look like one. It is made up for paper ${i}.\n• 2 authors\n·\nJul 24, 2024`).join('\n');
  const file = path.join(dir, 'big.txt');
  await writeFile(file, `${header}\n${body}\n`);
  return file;
}

describe('readDump', () => {
  it('GIVEN a dump over the worker threshold THEN the worker parses it to exactly what an inline parse gives', async () => {
    const file = await bigDump();
    expect((await readFile(file)).length).toBeGreaterThan(WORKER_PARSE_BYTES);
    const viaWorker = await readDump({ file, knownSha256: null });
    expect(viaWorker).toEqual(await readAndParse({ file, knownSha256: null }));
    expect(viaWorker.ok && !viaWorker.unchanged && viaWorker.parsed.ok && viaWorker.parsed.entries.length).toBe(6_000);
  });

  it('GIVEN the hash already recorded THEN it is reported unchanged and not parsed', async () => {
    const file = await bigDump();
    const first = await readDump({ file, knownSha256: null });
    if (!first.ok) throw new Error(first.reason);
    expect(await readDump({ file, knownSha256: first.sha256 })).toEqual({ ok: true, sha256: first.sha256, unchanged: true });
  });

  it('GIVEN a small dump THEN it is parsed inline, and a missing file is a reason, not a throw', async () => {
    const small = await readDump({ file: path.join(ENGINE_FIXTURES, FIRST_FILE), knownSha256: null });
    expect(small.ok && !small.unchanged && small.parsed.ok && small.parsed.entries.length).toBeGreaterThan(0);
    expect(await readDump({ file: path.join(ENGINE_FIXTURES, 'no-such-file.txt'), knownSha256: null })).toEqual({ ok: false, reason: expect.stringMatching(/cannot be read \(ENOENT\)/) });
  });
});
