import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Clock } from './clock.js';
import { cannotOpen, prepareDatabaseFile, restrictToOwnerOnly } from './database-file.js';
import { migrate } from './migrate.js';
import { latestSchemaVersion, migrations } from './migrations/index.js';
import { translateSqliteError } from './sqlite-errors.js';
import { StoreError } from './store-error.js';
import { createStore, type Store } from './store.js';

export interface OpenStoreOptions {
  /** The database file (config `database.path`), or `:memory:` for a throwaway store. */
  path: string;
  /** The clock for created/updated stamps and `stats()`; the system clock by default. */
  now?: Clock;
  /** How long a write waits for another process's lock before STORE_BUSY (default 5000 ms). */
  busyTimeoutMs?: number;
  /**
   * `full` (default) makes every commit durable across power loss, which the intent journal
   * relies on: a create whose intent was lost could be made twice. `normal` is only durable
   * across a process crash; for benchmarks and throwaway stores.
   */
  synchronous?: 'full' | 'normal';
}

/**
 * Opens (creating when missing) the database, brings its schema up to date and returns the
 * store. The file and its folder are owner-only; the journal is WAL, so readers (`zoomlink
 * status`) never block the daemon's writes; foreign keys are enforced.
 */
export function openStore(options: OpenStoreOptions): Store {
  const memory = options.path === ':memory:';
  const path = memory ? options.path : resolve(options.path);
  if (!memory) prepareDatabaseFile(path);

  let db: Database.Database;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
  } catch (error) {
    throw cannotOpen(path, (error as Error).message, error);
  }
  try {
    configure(db, path, options.synchronous ?? 'full');
    const { to } = migrate(db, migrations, path);
    if (!memory) restrictToOwnerOnly(path);
    return createStore(db, path, options.now ?? (() => new Date()), to);
  } catch (error) {
    db.close();
    throw translateSqliteError(error, path);
  }
}

function configure(db: Database.Database, path: string, synchronous: 'full' | 'normal'): void {
  try {
    // The first statement reads the file header: a file that is not SQLite fails here.
    db.pragma('journal_mode = WAL');
  } catch (error) {
    if (error instanceof Database.SqliteError && error.code === 'SQLITE_NOTADB') {
      throw new StoreError(
        'STORE_NOT_A_DATABASE',
        `${path} exists but is not an SQLite database. Point database.path (ZOOMLINK_DB) at ` +
          'the right file, or move this one aside to start with an empty database.',
        { cause: error },
      );
    }
    throw error;
  }
  db.pragma('foreign_keys = ON');
  db.pragma(`synchronous = ${synchronous === 'full' ? 'FULL' : 'NORMAL'}`);
}

/**
 * The store, when the file exists and is already at this zoomlink's schema (so opening it changes
 * nothing: `zoomlink doctor` reads the Zoom login through it, and commits a rotation there as the
 * daemon would); undefined otherwise.
 */
export function openCurrentStore(path: string): Store | undefined {
  if (path === ':memory:' || !existsSync(resolve(path))) return undefined;
  try {
    const probe = new Database(resolve(path), { readonly: true, fileMustExist: true });
    try {
      if ((probe.pragma('user_version', { simple: true }) as number) !== latestSchemaVersion)
        return undefined;
    } finally {
      probe.close();
    }
    return openStore({ path });
  } catch {
    return undefined;
  }
}
