import { chmodSync, closeSync, existsSync, mkdirSync, openSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { logger } from '../log.js';
import { StoreError } from './store-error.js';

/**
 * The database holds passcodes and the pairing of every booking: only the user running zoomlink
 * may read it. The file is created 0600 before SQLite opens it (SQLite would create it 0644),
 * and SQLite gives the -wal and -shm files the mode of the database file; they are checked again
 * after opening in case they were left behind by an older, laxer run.
 */
const ownerOnlyFile = 0o600;
const ownerOnlyFolder = 0o700;
const sidecars = ['-wal', '-shm'];

export function cannotOpen(path: string, reason: string, cause?: unknown): StoreError {
  return new StoreError(
    'STORE_OPEN_FAILED',
    `cannot open the database ${path}: ${reason}. Make sure the folder exists or can be created ` +
      'and is writable by the user running zoomlink, or set database.path (environment variable ' +
      'ZOOMLINK_DB) to a file in such a folder.',
    { cause },
  );
}

/** Creates the folder (0700) and an empty file (0600) when missing. */
export function prepareDatabaseFile(path: string): void {
  const folder = dirname(path);
  try {
    if (!existsSync(folder)) mkdirSync(folder, { recursive: true, mode: ownerOnlyFolder });
  } catch (error) {
    throw cannotOpen(path, `its folder cannot be created (${(error as Error).message})`, error);
  }
  try {
    if (existsSync(path) && statSync(path).isDirectory()) {
      throw cannotOpen(path, 'it is a folder, not a file');
    }
    closeSync(openSync(path, 'a', ownerOnlyFile));
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw cannotOpen(path, (error as Error).message, error);
  }
}

/**
 * Once SQLite has recognised the file as its own: the file and its -wal and -shm owner-only
 * (a file that turns out not to be a database is left as it was).
 */
export function restrictToOwnerOnly(path: string): void {
  for (const file of [path, ...sidecars.map((suffix) => path + suffix)]) {
    if (existsSync(file)) restrictToOwner(file);
  }
}

function restrictToOwner(file: string): void {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return;
  try {
    chmodSync(file, ownerOnlyFile);
    logger.warn('database file was readable by others; made it owner-only', {
      file,
      was: mode.toString(8),
    });
  } catch (error) {
    throw cannotOpen(
      file,
      `it is readable by others (mode ${mode.toString(8)}) and cannot be made owner-only ` +
        `(${(error as Error).message})`,
      error,
    );
  }
}

export function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
