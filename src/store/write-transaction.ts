import type { Database } from 'better-sqlite3';

/**
 * Wraps `fn` in a write transaction prepared once. IMMEDIATE takes the write lock up front, so
 * a second process (a CLI command next to the daemon) waits for the busy timeout instead of
 * failing at once with SQLITE_BUSY when a read turns into a write. Called inside another
 * transaction, it becomes a savepoint of that one.
 */
export function writeTransaction<Args extends unknown[], Result>(
  db: Database,
  fn: (...args: Args) => Result,
): (...args: Args) => Result {
  return db.transaction(fn).immediate;
}
