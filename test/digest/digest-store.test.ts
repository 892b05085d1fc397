import { open as openFile, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyState, type Digest, type Intent } from '../../src/digest/digest-state.js';
import { DigestStore, LEGACY_STATE_FILE, type DigestStoreOptions } from '../../src/digest/digest-store.js';
import { silentLogger } from '../../src/logger.js';
import { BACKUP_FILE } from '../../src/store/data-dir.js';
import { openStore } from '../../src/store/open-store.js';
import type { Store } from '../../src/store/store.js';
import { tempDir } from './temp-dir.js';
import { CUT_MID_WRITE, dbFile, failWritesTo, readStoredState, snapshotDatabase, storedRows, withDatabase } from './stored-state.js';

let dir: string;
const NOW = new Date('2026-03-30T10:11:12.345Z');
const stores: Store[] = [];

beforeEach(async () => {
  dir = await tempDir('store');
});

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
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

const intent: Intent = {
  nonce: 'n0nce0000000000000000001',
  digestId: digest.id,
  channelId: digest.channelId,
  trigger: 'scheduled',
  late: false,
  message: { kind: 'exhausted', dateLabel: 'Tuesday 31 March 2026', topic: null, lateFor: null },
  createdAt: '2026-03-31T07:00:00.000Z',
  attempts: 0,
  retryAt: '2026-03-31T07:00:00.000Z',
};

/** What one process sees: its own connection to the store in `dir`, and the digest state on it. */
async function open(options: Partial<DigestStoreOptions> = {}): Promise<DigestStore> {
  const { store, report } = await openStore({ dataDir: dir, logger: silentLogger, kind: 'test' });
  stores.push(store);
  return DigestStore.open(store.digests, { dataDir: dir, logger: silentLogger, recovery: report.recovery, now: () => NOW, ...options });
}

async function closeAll(): Promise<void> {
  for (const store of stores.splice(0)) await store.close();
}

describe('DigestStore', () => {
  it('GIVEN an empty data directory THEN the store starts fresh and a saved digest, one row, survives a reopen', async () => {
    const store = await open();
    expect(store.loadReport).toEqual({ kind: 'fresh' });
    await store.update((state) => void state.digests.push(digest));
    const reopened = await open();
    expect(reopened.loadReport).toEqual({ kind: 'loaded', digests: 1, intents: 0, damaged: 0 });
    expect(reopened.state.digests).toEqual([digest]);
    const rows = storedRows(dir, 'digests');
    expect(rows.map((row) => row.key)).toEqual([digest.id]);
    expect(JSON.parse(rows[0]?.body ?? 'null')).toEqual(digest);
  });

  it('GIVEN a change to one record THEN only that record is written, in one transaction', async () => {
    const store = await open();
    const other = { ...digest, id: 'def456', channelId: '200000000000000002' };
    await store.update((state) => void state.digests.push(digest, other));
    // A log of every row written from now on, kept by triggers in the database itself.
    withDatabase(dir, (db) => {
      db.exec('CREATE TABLE test_writes (tbl TEXT, op TEXT, key TEXT)');
      for (const [table, key] of [['digests', 'id'], ['digest_posts', 'nonce'], ['digest_intents', 'nonce']] as const) {
        for (const op of ['INSERT', 'UPDATE'] as const) {
          db.exec(`CREATE TRIGGER log_${table}_${op} AFTER ${op} ON ${table} BEGIN INSERT INTO test_writes VALUES ('${table}', '${op}', new.${key}); END`);
        }
        db.exec(`CREATE TRIGGER log_${table}_DELETE AFTER DELETE ON ${table} BEGIN INSERT INTO test_writes VALUES ('${table}', 'DELETE', old.${key}); END`);
      }
    });
    await store.update((state) => {
      const stored = state.digests.find((d) => d.id === other.id);
      if (stored) stored.count = 3;
      state.intents.push(intent);
    });
    const written = withDatabase(dir, (db) => db.prepare('SELECT tbl, op, key FROM test_writes').all());
    expect(written).toEqual([
      { tbl: 'digests', op: 'UPDATE', key: other.id },
      { tbl: 'digest_intents', op: 'INSERT', key: intent.nonce },
    ]);
  });

  it('GIVEN a write cut off inside its transaction (a row already written) THEN neither memory nor the store changes, and the next write succeeds', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    const undo = failWritesTo(dir, 'digest_intents');
    // The digest row is written first, then the intent's insert fails: the transaction must take the digest row back too.
    await expect(
      store.update((state) => {
        state.intents.push(intent);
        const stored = state.digests[0];
        if (stored) stored.nextDueAt = '2026-04-01T07:00:00.000Z';
      }),
    ).rejects.toThrow(CUT_MID_WRITE);
    undo();
    expect(store.state).toEqual({ ...emptyState(), digests: [digest] });
    expect((await readStoredState(dbFile(dir))).state).toEqual({ ...emptyState(), digests: [digest] });
    expect((await open()).state.digests).toEqual([digest]);
    await store.update((state) => void state.intents.push(intent));
    expect((await open()).state.intents).toEqual([intent]);
  });

  it('GIVEN a crash before the commit (beforeWrite throws) THEN neither memory nor the store changes', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    const crashing = await open({
      beforeWrite: () => {
        throw new Error('killed before the commit');
      },
    });
    await expect(crashing.update((state) => void (state.digests = []))).rejects.toThrow('killed before the commit');
    expect(crashing.state.digests).toEqual([digest]);
    expect((await open()).state.digests).toEqual([digest]);
  });

  it('GIVEN a crash right after the commit (afterWrite throws) THEN the change is in the store', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    const crashing = await open({
      afterWrite: () => {
        throw new Error('killed after the commit');
      },
    });
    await expect(crashing.update((state) => void (state.digests = []))).rejects.toThrow('killed after the commit');
    const reopened = await open();
    expect(reopened.state.digests).toEqual([]);
    expect(storedRows(dir, 'digests')).toEqual([]);
  });

  it('GIVEN a change that would break the schema THEN it is refused before anything is written', async () => {
    let writes = 0;
    const store = await open({ beforeWrite: () => void writes++ });
    await expect(store.update((state) => void state.digests.push({ ...digest, count: 11 }))).rejects.toThrow();
    expect(writes).toBe(0);
    expect(store.state).toEqual(emptyState());
    expect((await open()).loadReport).toEqual({ kind: 'fresh' });
  });

  it('GIVEN updates started together THEN each sees the one before it', async () => {
    const store = await open();
    // Each id is derived from how many digests the update sees: updates that did not wait for each other would all make `d0xxx`.
    await Promise.all([1, 2, 3].map(() => store.update((state) => void state.digests.push({ ...digest, id: `d${state.digests.length}xxx` }))));
    expect(store.state.digests.map((d) => d.id)).toEqual(['d0xxx', 'd1xxx', 'd2xxx']);
    expect((await open()).state.digests.map((d) => d.id)).toEqual(['d0xxx', 'd1xxx', 'd2xxx']);
  });
});

describe('DigestStore with damaged rows', () => {
  it('GIVEN rows that are not JSON or break the schema THEN they are counted and left out, the others kept, and later writes leave them in place', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    withDatabase(dir, (db) => {
      db.prepare('INSERT INTO digests (id, body) VALUES (?, ?)').run('torn01', '{"id":"torn01","guildId":"1000');
      db.prepare('INSERT INTO digests (id, body) VALUES (?, ?)').run('bad001', JSON.stringify({ ...digest, id: 'bad001', time: '25:00' }));
      db.prepare('INSERT INTO digest_posts (nonce, seq, body) VALUES (?, ?, ?)').run('p1', 1, JSON.stringify({ nonce: 'p1', digestId: digest.id }));
    });
    const reopened = await open();
    expect(reopened.loadReport).toEqual({ kind: 'loaded', digests: 1, intents: 0, damaged: 3 });
    expect(reopened.state).toEqual({ ...emptyState(), digests: [digest] });

    await reopened.update((state) => {
      const stored = state.digests[0];
      if (stored) stored.count = 2;
    });
    // Kept for inspection, never overwritten or dropped by a write that did not know them.
    expect(storedRows(dir, 'digests').map((row) => row.key)).toEqual(['abc123', 'bad001', 'torn01']);
    expect(storedRows(dir, 'digest_posts').map((row) => row.key)).toEqual(['p1']);
    const again = await open();
    expect(again.loadReport).toEqual({ kind: 'loaded', digests: 1, intents: 0, damaged: 3 });
    expect(again.state.digests).toEqual([{ ...digest, count: 2 }]);
  });
});

describe('DigestStore on a damaged database', () => {
  /** Overwrites the SQLite header of the closed database, as a disk fault would. */
  async function damageDatabase(): Promise<void> {
    await closeAll();
    const handle = await openFile(dbFile(dir), 'r+');
    try {
      await handle.write(Buffer.from('this is no longer SQLite'), 0, 24, 0);
    } finally {
      await handle.close();
    }
  }

  it('GIVEN the database was damaged and a backup exists THEN the digests come back from it and the report says recovered', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    await snapshotDatabase(dir, path.join(dir, BACKUP_FILE));
    await store.update((state) => void state.digests.push({ ...digest, id: 'after1' }));
    const backupTakenAt = (await stat(path.join(dir, BACKUP_FILE))).mtime;
    await damageDatabase();

    const recovered = await open();
    expect(recovered.loadReport).toMatchObject({ kind: 'recovered', digests: 1, recovery: { restoredFrom: backupTakenAt } });
    if (recovered.loadReport.kind !== 'recovered') return;
    expect(path.basename(recovered.loadReport.recovery.corruptPath)).toMatch(/^paperbot\.db\.corrupt-/);
    expect((await readFile(recovered.loadReport.recovery.corruptPath)).subarray(0, 24).toString()).toBe('this is no longer SQLite');
    // As of the backup: the digest made after it is lost, and said to be.
    expect(recovered.state.digests).toEqual([digest]);
  });

  it('GIVEN the database was damaged and there is no backup THEN digests start empty and the report says recovered, from nothing', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    await damageDatabase();
    const recovered = await open();
    expect(recovered.loadReport).toMatchObject({ kind: 'recovered', digests: 0, recovery: { restoredFrom: null } });
    expect(recovered.state).toEqual(emptyState());
  });
});

describe('DigestStore and a corrupt digests.json from paperbot 0.1', () => {
  it('GIVEN a file that is not JSON THEN it is reported and renamed aside with a timestamp, byte for byte, and the store starts empty', async () => {
    await writeFile(path.join(dir, LEGACY_STATE_FILE), '{"version": 1, "digests": [');
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind !== 'corrupt') return;
    expect(path.basename(store.loadReport.backupPath)).toBe(`${LEGACY_STATE_FILE}.corrupt-2026-03-30T10-11-12-345Z`);
    expect(await readFile(store.loadReport.backupPath, 'utf8')).toBe('{"version": 1, "digests": [');
    expect(await readdir(dir)).not.toContain(LEGACY_STATE_FILE);
    expect(store.state).toEqual(emptyState());
    // Reported once: the next start does not read the file kept aside.
    expect((await open()).loadReport).toEqual({ kind: 'fresh' });
  });

  it('GIVEN the store already holds digests THEN a corrupt old file is kept aside and the digests in the store stay', async () => {
    const store = await open();
    await store.update((state) => void state.digests.push(digest));
    await writeFile(path.join(dir, LEGACY_STATE_FILE), 'not json at all');
    const reopened = await open();
    expect(reopened.loadReport.kind).toBe('corrupt');
    expect(reopened.state.digests).toEqual([digest]);
  });

  it('GIVEN valid JSON that breaks the schema THEN the reason names the field', async () => {
    const bad = { ...emptyState(), digests: [{ ...digest, time: '25:00' }] };
    await writeFile(path.join(dir, LEGACY_STATE_FILE), JSON.stringify(bad));
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind === 'corrupt') expect(store.loadReport.reason).toContain('digests.0.time');
    expect(store.state).toEqual(emptyState());
  });

  it('GIVEN a file from a newer schema version THEN it is backed up, not read as if it were version 1', async () => {
    await writeFile(path.join(dir, LEGACY_STATE_FILE), JSON.stringify({ ...emptyState(), version: 2, digests: [digest] }));
    const store = await open();
    expect(store.loadReport.kind).toBe('corrupt');
    if (store.loadReport.kind === 'corrupt') expect(store.loadReport.reason).toContain('newer paperbot (schema version 2)');
    expect(store.state).toEqual(emptyState());
    expect(await readdir(dir)).toContain(`${LEGACY_STATE_FILE}.corrupt-2026-03-30T10-11-12-345Z`);
  });
});
