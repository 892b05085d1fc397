import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { emptyState, type Digest } from '../../src/digest/digest-state.js';
import { DigestStore, STATE_FILE } from '../../src/digest/digest-store.js';
import { silentLogger } from '../../src/logger.js';
import { tempDir } from './temp-dir.js';

let dir: string;
const NOW = new Date('2026-03-30T10:11:12.345Z');

beforeEach(async () => {
  dir = await tempDir('store');
});

const digest: Digest = {
  id: 'abc123',
  guildId: '100000000000000001',
  channelId: '200000000000000001',
  time: '09:00',
  timezone: 'Europe/Berlin',
  topic: null,
  count: 5,
  createdAt: '2026-03-01T00:00:00.000Z',
  createdBy: null,
  nextDueAt: '2026-03-31T07:00:00.000Z',
  lastPostedAt: null,
  lastRun: null,
  status: { kind: 'active' },
};

const open = () => DigestStore.open(dir, silentLogger, { now: () => NOW });

describe('DigestStore', () => {
  it('GIVEN an empty data directory THEN the store starts fresh and a saved digest survives a reopen', async () => {
    const store = await open();
    expect(store.loadReport).toEqual({ kind: 'fresh' });
    await store.update((state) => void state.digests.push(digest));
    const reopened = await open();
    expect(reopened.loadReport).toEqual({ kind: 'loaded', digests: 1, intents: 0 });
    expect(reopened.state.digests).toEqual([digest]);
    expect(JSON.parse(await readFile(path.join(dir, STATE_FILE), 'utf8')).version).toBe(1);
  });

  it('GIVEN a file that is not JSON THEN it is reported and renamed aside with a timestamp, byte for byte, and the store starts empty', async () => {
    await writeFile(path.join(dir, STATE_FILE), '{"version": 1, "digests": [');
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind !== 'corrupt') return;
    expect(path.basename(store.loadReport.backupPath)).toBe(`${STATE_FILE}.corrupt-2026-03-30T10-11-12-345Z`);
    expect(await readFile(store.loadReport.backupPath, 'utf8')).toBe('{"version": 1, "digests": [');
    expect(await readdir(dir)).not.toContain(STATE_FILE);
    expect(store.state).toEqual(emptyState());
  });

  it('GIVEN valid JSON that breaks the schema THEN the reason names the field', async () => {
    const bad = { ...emptyState(), digests: [{ ...digest, time: '25:00' }] };
    await writeFile(path.join(dir, STATE_FILE), JSON.stringify(bad));
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind === 'corrupt') expect(store.loadReport.reason).toContain('digests.0.time');
  });

  it('GIVEN a file from a newer schema version THEN it is backed up, not read as if it were version 1', async () => {
    await writeFile(path.join(dir, STATE_FILE), JSON.stringify({ ...emptyState(), version: 2 }));
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind === 'corrupt') expect(store.loadReport.reason).toContain('newer paperbot (schema version 2)');
  });

  it('GIVEN a crash left a half-written temp file beside the state THEN the last complete state loads and the temp is removed', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    await writeFile(path.join(dir, `.${STATE_FILE}.999.123.tmp`), '{"version":1,"dige');
    const reopened = await open();
    expect(reopened.state.digests).toEqual([digest]);
    expect(await readdir(dir)).toEqual([STATE_FILE]);
  });

  it('GIVEN the write fails THEN neither memory nor disk changes', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    const failing = await DigestStore.open(dir, silentLogger, { writeFile: () => Promise.reject(new Error('disk full')) });
    await expect(failing.update((state) => void (state.digests = []))).rejects.toThrow('disk full');
    expect(failing.state.digests).toEqual([digest]);
    expect((await open()).state.digests).toEqual([digest]);
  });

  it('GIVEN a change that would break the schema THEN it is refused before anything is written', async () => {
    const store = await open();
    await expect(store.update((state) => void state.digests.push({ ...digest, count: 11 }))).rejects.toThrow();
    expect((await open()).loadReport).toEqual({ kind: 'fresh' });
  });

  it('GIVEN updates started together THEN each sees the one before it', async () => {
    const store = await open();
    await Promise.all(['a1111', 'b2222', 'c3333'].map((id) => store.update((state) => void state.digests.push({ ...digest, id }))));
    expect((await open()).state.digests.map((d) => d.id)).toEqual(['a1111', 'b2222', 'c3333']);
  });
});
