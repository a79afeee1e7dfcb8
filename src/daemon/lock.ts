import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DaemonError } from './daemon-error.js';

/**
 * One daemon per database. The lock is an SQLite write lock held on a small file beside the
 * database (`<database>.lock`) for the daemon's whole life: the kernel drops it when the process
 * dies, however it dies (SIGKILL, OOM, power), so there is never a stale lock to clean up and no
 * PID that could have been reused. The holder writes who it is into the file just before it takes
 * the lock; a second daemon can still read that (the lock blocks writers only) and says who holds
 * it. The file is never deleted (deleting a lock file someone else has open splits the lock).
 *
 * better-sqlite3 is used here rather than through the store because the lock must be taken
 * before the store is opened (and migrated), and must not share its connection or journal.
 */
export interface LockHolder {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DaemonLock {
  readonly path: string;
  release(): void;
}

export function lockPathFor(databasePath: string): string {
  return `${resolve(databasePath)}.lock`;
}

export function acquireDaemonLock(
  databasePath: string,
  now: Date = new Date(),
  pid: number = process.pid,
): DaemonLock {
  if (databasePath === ':memory:') return { path: databasePath, release: () => {} };
  const path = lockPathFor(databasePath);
  const db = openLockFile(path);
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec(
      'CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL, started_at TEXT NOT NULL)',
    );
    db.exec('DELETE FROM holder');
    db.prepare('INSERT INTO holder (pid, host, started_at) VALUES (?, ?, ?)').run(
      pid,
      hostname(),
      now.toISOString(),
    );
    db.exec('COMMIT');
    // Held until release: another connection may read the holder, but not take the lock.
    db.exec('BEGIN IMMEDIATE');
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    if (isBusy(error)) {
      const holder = readHolder(db);
      db.close();
      throw alreadyRunning(databasePath, holder);
    }
    db.close();
    throw new DaemonError(
      'DAEMON_LOCK_FAILED',
      `cannot take the daemon lock ${path}: ${(error as Error).message}. Make sure its folder is writable by the user running zoomlink (it sits beside database.path).`,
      { cause: error },
    );
  }
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      try {
        if (db.inTransaction) db.exec('ROLLBACK');
      } finally {
        db.close();
      }
    },
  };
}

/** Who holds the lock of this database now, or undefined when no daemon holds it. */
export function inspectDaemonLock(databasePath: string): LockHolder | undefined {
  if (databasePath === ':memory:') return undefined;
  const path = lockPathFor(databasePath);
  if (!existsSync(path)) return undefined;
  const db = new Database(path, { timeout: 0 });
  try {
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return undefined;
  } catch (error) {
    if (!isBusy(error)) throw error;
    return readHolder(db) ?? { pid: 0, host: 'unknown', startedAt: '' };
  } finally {
    db.close();
  }
}

function openLockFile(path: string): Database.Database {
  try {
    const folder = dirname(path);
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: 0o700 });
    closeSync(openSync(path, 'a', 0o600));
    return new Database(path, { timeout: 0 });
  } catch (error) {
    throw new DaemonError(
      'DAEMON_LOCK_FAILED',
      `cannot create the daemon lock ${path}: ${(error as Error).message}. Make sure the database folder exists or can be created and is writable by the user running zoomlink.`,
      { cause: error },
    );
  }
}

function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && /^SQLITE_(BUSY|LOCKED)/.test(error.code);
}

function readHolder(db: Database.Database): LockHolder | undefined {
  try {
    db.pragma('busy_timeout = 1000');
    const row = db
      .prepare('SELECT pid, host, started_at AS startedAt FROM holder LIMIT 1')
      .get() as LockHolder | undefined;
    return row;
  } catch {
    return undefined;
  }
}

function alreadyRunning(databasePath: string, holder: LockHolder | undefined): DaemonError {
  const who = holder
    ? `process ${holder.pid} on ${holder.host}, running since ${holder.startedAt}`
    : 'another process';
  return new DaemonError(
    'DAEMON_ALREADY_RUNNING',
    `another zoomlink daemon (${who}) is using the database ${resolve(databasePath)}; two daemons must never write to one database. Stop that one first (pm2 stop zoomlink, or kill ${holder?.pid ?? '<pid>'}), or give this one its own database.path (ZOOMLINK_DB).`,
  );
}
