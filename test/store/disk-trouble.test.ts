/**
 * A read-only or full DATA_DIR, for real: the CLI runs in its own mount
 * namespace (`unshare`) on a small tmpfs that is remounted read-only, or is
 * too small. Each case is reported with its real cause and exit 2, before
 * any embedding; results that can be computed are still printed.
 */
import { execFileSync } from 'node:child_process';
import { chmod, copyFile, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openStore } from '../../src/store/open-store.js';
import { startCli } from '../support/cli-process.js';
import { removeTemps, tempDir } from '../support/temp-dir.js';
import { privateDataDir, REPO_ROOT, SEEDS_DIR } from '../support/test-engine.js';

afterAll(removeTemps);

const MODELS_DIR = path.join(REPO_ROOT, 'models');

beforeAll(() => {
  try {
    execFileSync('unshare', ['-rm', 'true']);
  } catch (error) {
    throw new Error(`these tests mount a tmpfs in their own mount namespace and need unshare (util-linux) with user namespaces: ${String(error)}`);
  }
});

/** The command prefix that runs `script` (then the CLI, as "$@") as root of its own mount namespace. */
const inNamespace = (script: string): string[] => ['unshare', '-rm', 'sh', '-c', script, 'sh'];

/** Runs the CLI with DATA_DIR on a fresh tmpfs of `sizeKb`, filled by `setup` (shell) and remounted read-only when asked. */
async function cliOnTmpfs(options: { sizeKb: number; setup?: string; readOnly?: boolean; seedsDir?: string }, args: string[]) {
  const mountPoint = await tempDir('mnt');
  const script = [
    `mount -t tmpfs -o size=${options.sizeKb}k tmpfs "$MNT"`,
    options.setup ?? 'true',
    options.readOnly === true ? 'mount -o remount,ro "$MNT"' : 'true',
    'exec "$@"',
  ].join(' && ');
  const run = await startCli(args, { DATA_DIR: path.join(mountPoint, 'data'), SEEDS_DIR: options.seedsDir ?? SEEDS_DIR, MODELS_DIR, MNT: mountPoint }, inNamespace(script));
  return run.finished;
}

describe('a read-only DATA_DIR', () => {
  it('GIVEN a complete store on a read-only mount THEN the results are printed, stderr names EROFS, exit 2', { timeout: 60_000 }, async () => {
    const source = await privateDataDir();
    // Closing it as a writer leaves it in rollback-journal mode, which a read-only directory can open.
    await (await openStore({ dataDir: source, logger: silentLogger, kind: 'test' })).store.close();
    const result = await cliOnTmpfs({ sizeKb: 65536, readOnly: true, setup: `cp -r "${source}" "$MNT/data"` }, ['about', 'model merging', '--json']);
    expect(result.code).toBe(2);
    expect(JSON.parse(result.stdout).results[0].title).toMatch(/^Twin-Merging/);
    expect(result.stderr).toMatch(/DATA_DIR is read-only \(EROFS\)/);
    expect(result.stderr).not.toMatch(/embedding papers/);
  });

  it('GIVEN a read-only mount with no store yet THEN one line names EROFS and the fix, nothing is embedded, exit 2', { timeout: 60_000 }, async () => {
    const result = await cliOnTmpfs({ sizeKb: 1024, readOnly: true, setup: 'mkdir "$MNT/data"' }, ['about', 'model merging']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/paperbot: DATA_DIR .* is not writable \(EROFS\) and holds no store yet: make it writable/);
    expect(result.stderr).not.toMatch(/embedding papers|at .*\.ts:\d+/);
  });
});

describe('a DATA_DIR that is writable but its database is not', () => {
  it('regression: GIVEN paperbot.db read-only (chmod 444) THEN the CLI answers from it, names the file and EACCES, exit 2', { timeout: 60_000 }, async () => {
    const dataDir = await privateDataDir();
    await chmod(path.join(dataDir, 'paperbot.db'), 0o444);
    await chmod(dataDir, 0o777);
    // Root writes any file whatever its mode: run the CLI as nobody, whom the mode binds (from a folder nobody may enter).
    const asUser = process.getuid?.() === 0 ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', 'sh', '-c', 'cd / && exec "$@"', 'sh'] : [];
    const run = await startCli(['about', 'model merging', '--json'], { DATA_DIR: dataDir, SEEDS_DIR, MODELS_DIR }, asUser);
    const result = await run.finished;
    expect(result.stderr).toMatch(/(^|\n)paperbot: DATA_DIR is read-only \(paperbot\.db is not writable: EACCES\); answering from what is stored\.\n$/);
    expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0);
    expect(result.code).toBe(2);
  });

  it('regression: GIVEN paperbot.db a symbolic link to nowhere THEN one line names the link and its target, exit 2, and nothing is created there', { timeout: 60_000 }, async () => {
    const dataDir = await tempDir('data');
    const target = path.join(dataDir, 'gone', 'paperbot.db');
    await symlink(target, path.join(dataDir, 'paperbot.db'));
    const result = await (await startCli(['about', 'model merging'], { DATA_DIR: dataDir, SEEDS_DIR, MODELS_DIR })).finished;
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toBe(`paperbot: ${path.join(dataDir, 'paperbot.db')} is a symbolic link to ${target}, which does not exist (ENOENT): fix or remove the link.\n`);
  });
});

describe('a full disk', () => {
  it('GIVEN DATA_DIR on a disk with 8 MB free THEN ENOSPC is reported before any embedding, exit 2', { timeout: 60_000 }, async () => {
    const result = await cliOnTmpfs({ sizeKb: 8192 }, ['about', 'model merging']);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/paperbot: DATA_DIR .* has only \d+\.\d MB free \(ENOSPC\)/);
    expect(result.stderr).not.toMatch(/embedding papers/);
  });

  it('GIVEN the disk fills up during a cold embed THEN the CLI still prints results, says the disk is full, exit 2, and what was stored stays', { timeout: 180_000 }, async () => {
    const seedsDir = await tempDir('seeds');
    await copyFile(path.join(SEEDS_DIR, '004_788545b6d144696c.txt'), path.join(seedsDir, 'only.txt'));
    const mountPoint = await tempDir('mnt');
    const outputs = await tempDir('out');
    // In the namespace: start the CLI (its output kept off the disk being filled), and once it starts embedding
    // (its first progress line), fill the disk to the last byte.
    const script = [
      'mount -t tmpfs -o size=40960k tmpfs "$MNT"',
      '"$@" > "$OUT/out" 2> "$OUT/err" & pid=$!',
      'until grep -q "embedding papers" "$OUT/err" 2>/dev/null || ! kill -0 $pid 2>/dev/null; do sleep 0.05; done',
      'head -c 64m /dev/zero > "$MNT/filler" 2>/dev/null; true',
      'wait $pid; code=$?',
      'cat "$OUT/out"; cat "$OUT/err" >&2',
      'exit $code',
    ].join('\n');
    const run = await startCli(['about', 'model merging', '--json'], { DATA_DIR: path.join(mountPoint, 'data'), SEEDS_DIR: seedsDir, MODELS_DIR, MNT: mountPoint, OUT: outputs }, inNamespace(script));
    const result = await run.finished;
    expect(result.stderr).toMatch(/embedding papers \(first run only\): 0\/26/);
    expect(result.stderr).toMatch(/disk is full \((ENOSPC|SQLITE_FULL)\)/);
    expect(result.stderr).not.toMatch(/embedding papers \(first run only\): 26\/26/);
    expect(result.code).toBe(2);
    // Found by their words: the papers were stored before the disk filled, only their vectors were not.
    expect(JSON.parse(result.stdout).results.length).toBeGreaterThan(0);
  });

  it('regression: GIVEN the disk fills while start-up stores a big new dump THEN the CLI still answers from the store, says the disk is full, exit 2', { timeout: 180_000 }, async () => {
    const stored = await privateDataDir();
    const seedsDir = await tempDir('seeds');
    for (const name of await readdir(SEEDS_DIR)) await copyFile(path.join(SEEDS_DIR, name), path.join(seedsDir, name));
    // ~11 MB of listing: storing it takes some 50 MB, more than the disk has left past the 32 MB start-up check.
    const header = (await readFile(path.join(SEEDS_DIR, '000_7a2a0e69a2dec8bb.txt'), 'utf8')).split('\n').slice(0, 11).join('\n');
    const body = Array.from({ length: 40_000 }, (_, i) => `Synthetic paper ${i} on topic ${i % 311}\nWe study synthetic topic ${i} in depth, with an abstract long enough to look like one. It is made up for paper ${i}; nothing in it is true.\n• 2 authors\n·\nJul 24, 2024`).join('\n');
    await writeFile(path.join(seedsDir, '999_big.txt'), `${header}\n${body}\n`);
    const setup = [
      `cp -a "${stored}" "$MNT/data"`,
      // Leave 34 MB free: enough to pass the start-up check, not enough for the new dump.
      'free=$(df -k --output=avail "$MNT" | tail -1)',
      'head -c $(( (free - 34 * 1024) * 1024 )) /dev/zero > "$MNT/filler"',
    ].join(' && ');
    const result = await cliOnTmpfs({ sizeKb: 64 * 1024, setup, seedsDir }, ['about', 'model merging', '--json']);
    expect(result.stderr).toMatch(/disk is full \((ENOSPC|SQLITE_FULL)\)/);
    expect(result.code).toBe(2);
    const { results } = JSON.parse(result.stdout) as { results: { title: string }[] };
    expect(results.map((hit) => hit.title)).toContain('Twin-Merging: Dynamic Integration of Modular Expertise in Model Merging');
  });
});
