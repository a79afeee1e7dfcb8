import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  openSync,
  readSync,
  statSync,
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Check } from '../domain/check.js';
import { latestSchemaVersion } from './migrations/index.js';

export interface DatabaseDiagnosis {
  checks: Check[];
  /** The database file, when it is an SQLite file zoomlink can read and write. */
  sqliteFile?: string;
}

const fixAccess =
  'Give the user running zoomlink read and write access, or set database.path (ZOOMLINK_DB) elsewhere.';

/**
 * The database folder and file as the daemon will use them, read without changing anything (no
 * file created, no migration): it can be created or opened, it is SQLite, its schema is one this
 * zoomlink knows, and only its owner can read it.
 */
export function diagnoseDatabase(path: string): DatabaseDiagnosis {
  if (path === ':memory:')
    return {
      checks: [
        {
          name: 'database',
          status: 'warn',
          detail: 'in memory: nothing survives a restart',
          fix: 'Set database.path (ZOOMLINK_DB) to a file.',
        },
      ],
    };
  const file = resolve(path);
  if (!existsSync(file)) return { checks: [willBeCreated(file)] };
  try {
    accessSync(file, constants.R_OK | constants.W_OK);
    accessSync(dirname(file), constants.W_OK | constants.X_OK);
  } catch (error) {
    return {
      checks: [
        databaseFailure(
          `${file}: ${(error as Error).message}`,
          `${fixAccess} SQLite also writes -wal and -shm files beside it, so the folder must be writable too.`,
        ),
      ],
    };
  }
  if (!hasSqliteHeader(file))
    return {
      checks: [
        databaseFailure(
          `${file} is not an SQLite database`,
          'Point database.path at the right file, or move this one aside to start empty.',
        ),
      ],
    };
  return { checks: [schemaCheck(file), ...permissionsCheck(file)], sqliteFile: file };
}

function databaseFailure(detail: string, fix: string): Check {
  return { name: 'database', status: 'fail', detail, fix };
}

function willBeCreated(file: string): Check {
  const folder = nearestExisting(dirname(file));
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
  } catch {
    return databaseFailure(`${file} does not exist and ${folder} is not writable`, fixAccess);
  }
  return {
    name: 'database',
    status: 'ok',
    detail: `${file} will be created (owner-only) on the first run`,
  };
}

function schemaCheck(file: string): Check {
  const version = schemaVersion(file);
  if (version > latestSchemaVersion)
    return databaseFailure(
      `${file}: schema ${version}, newer than this zoomlink knows (${latestSchemaVersion})`,
      'Run the newer zoomlink that wrote it; zoomlink never downgrades a database.',
    );
  const upgrade =
    version < latestSchemaVersion ? `; upgraded to ${latestSchemaVersion} on the next run` : '';
  return {
    name: 'database',
    status: 'ok',
    detail: `${file}: readable and writable, schema ${version}${upgrade}`,
  };
}

function permissionsCheck(file: string): Check[] {
  const mode = statSync(file).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [
    {
      name: 'database permissions',
      status: 'warn',
      detail: `${file} is readable by others (mode ${mode.toString(8)}); it holds passcodes`,
      fix: `chmod 600 ${file} (zoomlink also does this when it opens the database)`,
    },
  ];
}

function nearestExisting(folder: string): string {
  let current = folder;
  while (!existsSync(current) && dirname(current) !== current) current = dirname(current);
  return current;
}

function hasSqliteHeader(file: string): boolean {
  if (statSync(file).size === 0) return true; // created empty by a first run that stopped early
  const fd = openSync(file, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.toString('latin1') === 'SQLite format 3\u0000';
  } finally {
    closeSync(fd);
  }
}

function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}
