/**
 * The writer lease: one row saying which process may write (sync dumps,
 * embed, save the vector index). Taking it is one IMMEDIATE transaction, so
 * two processes racing for it cannot both win. It is per process: engines
 * in the same process share it. A holder that died is recognised at once on
 * the same host (its pid is gone) and after the lease expires elsewhere.
 */
import os from 'node:os';
import type Database from 'better-sqlite3';
import type { LeaseHolder, LeaseRepository, LeaseResult } from '../store.js';

/** A holder whose heartbeat is older than this is presumed dead (a hung or suspended machine). */
export const LEASE_TTL_MS = 60_000;

interface LeaseRow {
  readonly pid: number;
  readonly host: string;
  readonly kind: string;
  readonly token: string;
  readonly since: string;
  readonly heartbeat_at: string;
}

/** True unless the OS says no process has this pid (EPERM means it exists but is not ours). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface LeaseOptions {
  readonly now?: () => Date;
  readonly pid?: number;
  readonly host?: string;
}

export function createLeaseRepository(db: Database.Database, options: LeaseOptions = {}): LeaseRepository {
  const now = options.now ?? (() => new Date());
  const pid = options.pid ?? process.pid;
  const host = options.host ?? os.hostname();
  const token = `${host}:${pid}`;
  const select = db.prepare<[], LeaseRow>('SELECT * FROM writer_lease WHERE slot = 1');
  const write = db.prepare(
    `INSERT INTO writer_lease (slot, pid, host, kind, token, since, heartbeat_at) VALUES (1, @pid, @host, @kind, @token, @since, @heartbeat)
     ON CONFLICT (slot) DO UPDATE SET pid = excluded.pid, host = excluded.host, kind = excluded.kind, token = excluded.token,
       since = excluded.since, heartbeat_at = excluded.heartbeat_at`,
  );
  const beat = db.prepare('UPDATE writer_lease SET heartbeat_at = ? WHERE slot = 1 AND token = ?');
  const remove = db.prepare('DELETE FROM writer_lease WHERE slot = 1 AND token = ?');

  const holderOf = (row: LeaseRow): LeaseHolder => ({ pid: row.pid, host: row.host, kind: row.kind, since: new Date(row.since) });
  const free = (row: LeaseRow, at: Date): boolean =>
    row.token === token ||
    at.getTime() - new Date(row.heartbeat_at).getTime() > LEASE_TTL_MS ||
    (row.host === host && !processAlive(row.pid));

  const acquire = db.transaction((kind: string): LeaseResult => {
    const at = now();
    const row = select.get();
    if (row !== undefined && !free(row, at)) return { acquired: false, holder: holderOf(row) };
    const since = row?.token === token ? row.since : at.toISOString();
    write.run({ pid, host, kind, token, since, heartbeat: at.toISOString() });
    return { acquired: true };
  });

  return {
    async acquire(kind) {
      // IMMEDIATE: the read and the write happen under one write lock.
      return acquire.immediate(kind);
    },
    async renew() {
      return beat.run(now().toISOString(), token).changes === 1;
    },
    async release() {
      remove.run(token);
    },
    async holder() {
      const row = select.get();
      return row === undefined ? null : holderOf(row);
    },
  };
}
