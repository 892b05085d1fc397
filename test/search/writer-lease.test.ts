/**
 * A writer that stalled past its lease and finds another process holding the
 * store: it stops every write at once, says so once, and answers on.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE } from '../../src/store/data-dir.js';
import type { OpenedEngine } from '../../src/search/create-engine.js';
import { StoreError } from '../../src/store/store-error.js';
import { holdLeaseElsewhere } from '../store/store-fixture.js';
import { privateTestEngine } from '../support/test-engine.js';

const open: OpenedEngine[] = [];
afterEach(async () => {
  for (const opened of open.splice(0)) await opened.engine.close();
});

function leaseToken(dataDir: string): string | undefined {
  const db = new Database(path.join(dataDir, DB_FILE), { readonly: true });
  try {
    return db.prepare<[], { token: string }>('SELECT token FROM writer_lease').get()?.token;
  } finally {
    db.close();
  }
}

describe('GIVEN the writer lease taken over by another process while the engine runs', () => {
  it('regression: the engine stops writing (ingest and refresh refuse), tells its listener once, answers on, and closing leaves the lease of the other process alone', async () => {
    const opened = await privateTestEngine({ leaseRenewMs: 50 });
    open.push(opened);
    const { engine, dataDir } = opened;
    expect(engine.status().writer).toBe(true);
    let told = 0;
    const lost = new Promise<void>((resolve) => engine.onWriterLost(() => (told++, resolve())));
    // What a process that found our lease stale does: it writes its own holder over ours.
    holdLeaseElsewhere(dataDir);
    await lost;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(told).toBe(1);
    expect(engine.status().writer).toBe(false);
    await expect(engine.ingest([])).rejects.toSatisfy((error) => error instanceof StoreError && error.code === 'HELD');
    expect(await engine.refresh()).toEqual({ added: [], removed: [], skipped: [] });
    expect((await engine.about('model merging')).results.length).toBeGreaterThan(0);
    const graphs = (await readdir(dataDir)).filter((name) => name.endsWith('.hnsw'));
    await engine.close();
    open.length = 0;
    // Closing neither saved a graph nor released the other process's lease.
    expect((await readdir(dataDir)).filter((name) => name.endsWith('.hnsw'))).toEqual(graphs);
    expect(leaseToken(dataDir)).toBe('elsewhere:1');
  });
});
