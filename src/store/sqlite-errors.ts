import Database from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * SQLite failures an operator can do something about, as store errors with a code and a next
 * step. `path` names the database file in the message. Anything else is returned unchanged: it
 * is a bug in zoomlink, and its own message and stack are the most useful thing to see.
 */
export function translateSqliteError(error: unknown, path: string): unknown {
  if (!(error instanceof Database.SqliteError)) return error;
  const code = error.code;
  const where = `the database ${path}`;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreError(
      'STORE_BUSY',
      `${where} stayed locked by another process longer than the busy timeout (${error.message}); ` +
        'it is retried on the next poll. If it persists, check that only one zoomlink daemon uses this file.',
      { retryable: true, cause: error },
    );
  }
  if (code === 'SQLITE_FULL') {
    return new StoreError(
      'STORE_DISK_FULL',
      `${where} cannot grow: the disk is full. Free space on its file system, then restart zoomlink.`,
      { retryable: true, cause: error },
    );
  }
  if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return new StoreError(
      'STORE_READ_ONLY',
      `${where} cannot be written (${error.message}). Give the user running zoomlink write access ` +
        'to the file, its -wal and -shm files and its folder.',
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'STORE_CORRUPT',
      `${where} is damaged (${error.message}). Stop zoomlink, move the file aside and restore a ` +
        'backup, or start with an empty database and run `zoomlink reconcile --fix`.',
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    return new StoreError(
      'STORE_CONSTRAINT',
      `a write to ${where} broke a rule of the schema (${code}: ${error.message}); this is a bug in ` +
        'zoomlink, please report it with the log line.',
      { cause: error },
    );
  }
  return error;
}
