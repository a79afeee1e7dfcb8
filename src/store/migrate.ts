import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error.js';

/**
 * One step of the schema. Versions are 1, 2, 3… with no gaps; `PRAGMA user_version` holds the
 * version a database is at (0 for a new file). A step only ever moves forward: once released,
 * a step is never edited; a change is a new step.
 */
export interface Migration {
  version: number;
  description: string;
  up(db: Database): void;
}

export interface MigrationResult {
  from: number;
  to: number;
}

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database up to the last migration. Each step runs in its own IMMEDIATE transaction
 * together with its `user_version` bump, so a crash or a failing step leaves the database at the
 * previous version with nothing of the failed step applied. The version is read again inside the
 * transaction: when two processes open a new file at once, the second finds the work done.
 */
export function migrate(
  db: Database,
  migrations: readonly Migration[],
  path: string,
): MigrationResult {
  assertOrdered(migrations);
  const latest = migrations.length;
  const from = schemaVersion(db);
  if (from > latest) {
    throw new StoreError(
      'STORE_SCHEMA_TOO_NEW',
      `the database ${path} is at schema version ${from}, but this zoomlink knows versions up to ` +
        `${latest}: it was written by a newer zoomlink. Run that newer version, or point ` +
        'database.path (ZOOMLINK_DB) at another file; zoomlink never downgrades a database.',
    );
  }
  for (const migration of migrations) {
    if (migration.version <= from) continue;
    const step = db.transaction(() => {
      if (schemaVersion(db) >= migration.version) return;
      migration.up(db);
      assertForeignKeysHold(db, migration);
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      step.immediate();
    } catch (error) {
      if (error instanceof StoreError) throw error;
      throw new StoreError(
        'STORE_MIGRATION_FAILED',
        `upgrading the database ${path} to schema version ${migration.version} ` +
          `(${migration.description}) failed: ${(error as Error).message}. The database is ` +
          `still at version ${schemaVersion(db)} and unchanged by this step; restore a backup or ` +
          'report the error.',
        { cause: error },
      );
    }
  }
  return { from, to: Math.max(from, latest) };
}

function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `migration list out of order: position ${index} holds version ${migration.version}, expected ${index + 1}`,
      );
    }
  });
}

/** A step that rebuilds tables could leave dangling references; refuse to commit such a step. */
function assertForeignKeysHold(db: Database, migration: Migration): void {
  const broken = db.pragma('foreign_key_check') as unknown[];
  if (broken.length > 0) {
    throw new Error(
      `version ${migration.version} leaves ${broken.length} row(s) pointing at missing rows`,
    );
  }
}
