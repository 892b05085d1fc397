import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/logger.js';
import { openDatabase } from '../../src/store/sqlite/database.js';
import { createLeaseRepository, LEASE_TTL_MS } from '../../src/store/sqlite/lease-repository.js';
import { migrate } from '../../src/store/sqlite/migrations.js';
import { tempDir } from '../support/temp-dir.js';
import path from 'node:path';
import { openTempStore } from './store-fixture.js';

/** Two "processes" on one database file: separate connections with their own pid, host and clock. */
async function twoProcesses(first: { pid: number; host: string }, second: { pid: number; host: string }) {
  const file = path.join(await tempDir('lease'), 'paperbot.db');
  let now = new Date('2026-05-01T12:00:00Z');
  const clock = () => now;
  const dbA = openDatabase(file, false);
  migrate(dbA);
  const dbB = openDatabase(file, false);
  return {
    a: createLeaseRepository(dbA, { ...first, now: clock }),
    b: createLeaseRepository(dbB, { ...second, now: clock }),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('the writer lease', () => {
  it('GIVEN a free store THEN the first process takes it and a second one is refused, told who holds it', async () => {
    const { a, b } = await twoProcesses({ pid: process.pid, host: 'h1' }, { pid: 4242, host: 'h2' });
    expect(await a.acquire('bot')).toEqual({ acquired: true });
    const refused = await b.acquire('cli');
    expect(refused).toEqual({ acquired: false, holder: { pid: process.pid, host: 'h1', kind: 'bot', since: new Date('2026-05-01T12:00:00Z') } });
  });

  it('GIVEN the holder renews it THEN it stays held past the TTL; GIVEN it stops renewing THEN another process takes over and the old holder learns it lost it', async () => {
    const { a, b, advance } = await twoProcesses({ pid: process.pid, host: 'h1' }, { pid: process.pid, host: 'h2' });
    await a.acquire('bot');
    advance(LEASE_TTL_MS / 2);
    expect(await a.renew()).toBe(true);
    advance(LEASE_TTL_MS / 2 + 1);
    expect((await b.acquire('cli')).acquired).toBe(false);
    advance(LEASE_TTL_MS + 1);
    expect(await b.acquire('cli')).toEqual({ acquired: true });
    expect(await a.renew()).toBe(false);
  });

  // kill -9 leaves the lease row behind: on the same host the dead pid is recognised at once, no TTL wait.
  it('regression: a holder killed on this host (its pid is gone) is taken over immediately', async () => {
    const dead = 2 ** 22 + 12345; // above Linux's pid_max default: no such process
    const { a, b } = await twoProcesses({ pid: dead, host: 'same' }, { pid: process.pid, host: 'same' });
    await a.acquire('bot');
    expect(await b.acquire('bot')).toEqual({ acquired: true });
  });

  it('GIVEN release THEN the next process takes it at once; releasing a lease held by another does nothing', async () => {
    const { a, b } = await twoProcesses({ pid: process.pid, host: 'h1' }, { pid: 4242, host: 'h2' });
    await a.acquire('bot');
    await b.release();
    expect((await b.acquire('cli')).acquired).toBe(false);
    await a.release();
    expect(await b.acquire('cli')).toEqual({ acquired: true });
  });

  it('GIVEN two stores opened by one process on one DATA_DIR THEN both may write (the lease is per process)', async () => {
    const first = await openTempStore();
    const second = await openTempStore(first.dataDir);
    expect(first.report.lease).toEqual({ acquired: true });
    expect(second.report.lease).toEqual({ acquired: true });
    expect(silentLogger).toBeDefined();
  });
});
