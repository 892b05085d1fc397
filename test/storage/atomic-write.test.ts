import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../src/storage/atomic-write.js';
import { SEEDS_DIR } from '../support/test-engine.js';

let root: string;
let seedText: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'paperbot-atomic-'));
  seedText = await readFile(path.join(SEEDS_DIR, '004_788545b6d144696c.txt'), 'utf8');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let run = 0;
async function freshDir(): Promise<string> {
  const dir = path.join(root, `case-${run++}`);
  await mkdir(dir);
  return dir;
}

describe('writeFileAtomic', () => {
  it('GIVEN a new file THEN text is written exactly and no temp file is left beside it', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'listing.txt');
    await writeFileAtomic(file, seedText);
    expect(await readFile(file, 'utf8')).toBe(seedText);
    expect(await readdir(dir)).toEqual(['listing.txt']);
  });

  it('GIVEN bytes THEN they are written byte for byte', async () => {
    const dir = await freshDir();
    const bytes = new Uint8Array(new Float32Array([0.25, -1, Math.PI, Number.MIN_VALUE]).buffer);
    await writeFileAtomic(path.join(dir, 'v.f32'), bytes);
    expect(new Uint8Array(await readFile(path.join(dir, 'v.f32')))).toEqual(bytes);
  });

  it('GIVEN an existing file THEN it is replaced whole, never appended to', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'state.json');
    await writeFile(file, seedText);
    await writeFileAtomic(file, '{"short":true}');
    expect(await readFile(file, 'utf8')).toBe('{"short":true}');
  });

  it('GIVEN a missing directory THEN it rejects and creates nothing', async () => {
    const dir = await freshDir();
    await expect(writeFileAtomic(path.join(dir, 'absent', 'state.json'), 'x')).rejects.toThrow(/ENOENT/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('GIVEN a target that cannot be replaced (a directory) THEN it rejects, removes its temp file and leaves the target alone', async () => {
    const dir = await freshDir();
    const target = path.join(dir, 'state.json');
    await mkdir(target);
    await writeFile(path.join(target, 'inside.txt'), 'kept');
    await expect(writeFileAtomic(target, 'new')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['state.json']);
    expect(await readFile(path.join(target, 'inside.txt'), 'utf8')).toBe('kept');
  });

  it('GIVEN writes one after another THEN the last one wins', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'manifest.json');
    for (let i = 0; i < 5; i++) await writeFileAtomic(file, JSON.stringify({ i }));
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ i: 4 });
    expect(await readdir(dir)).toEqual(['manifest.json']);
  });

  // The temp name is `.<name>.<pid>.<Date.now()>.tmp`: two writes of one file in the same millisecond share it,
  // write into the same temp file, and all but the first rename fail with ENOENT.
  it('regression: concurrent writes of one file all succeed and leave one whole version', async () => {
    const dir = await freshDir();
    const file = path.join(dir, 'manifest.json');
    const versions = Array.from({ length: 8 }, (_, i) => `${i}:${seedText}`);
    const results = await Promise.allSettled(versions.map((text) => writeFileAtomic(file, text)));
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(versions).toContain(await readFile(file, 'utf8'));
    expect(await readdir(dir)).toEqual(['manifest.json']);
  });
});
