import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnoseDatabase, latestSchemaVersion, openStore } from '../../../src/store/index.js';

/** `diagnoseDatabase`: the store's checks for `zoomlink doctor`, on real files. */
describe('diagnoseDatabase', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'zoomlink-diagnose-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const sqliteFile = (name: string, userVersion: number, mode = 0o600) => {
    const path = join(dir, name);
    const db = new Database(path);
    db.pragma(`user_version = ${userVersion}`);
    db.close();
    chmodSync(path, mode);
    return path;
  };

  it('warns that an in-memory database forgets everything', () => {
    expect(diagnoseDatabase(':memory:')).toEqual({
      checks: [expect.objectContaining({ name: 'database', status: 'warn' })],
    });
  });

  it('says a missing file will be created, and creates nothing', () => {
    const path = join(dir, 'data', 'zoomlink.db');
    expect(diagnoseDatabase(path)).toEqual({
      checks: [
        {
          name: 'database',
          status: 'ok',
          detail: `${path} will be created (owner-only) on the first run`,
        },
      ],
    });
    expect(diagnoseDatabase(path).sqliteFile).toBeUndefined();
  });

  it('fails a missing file whose nearest existing folder cannot be written', () => {
    // A plain file where a folder should be: not searchable, even for root.
    const notAFolder = join(dir, 'plain');
    writeFileSync(notAFolder, '', { mode: 0o600 });
    const path = join(notAFolder, 'data', 'zoomlink.db');
    expect(diagnoseDatabase(path).checks).toEqual([
      {
        name: 'database',
        status: 'fail',
        detail: `${path} does not exist and ${notAFolder} is not writable`,
        fix: expect.stringContaining('set database.path (ZOOMLINK_DB) elsewhere'),
      },
    ]);
  });

  it('fails a file that is not SQLite', () => {
    const path = join(dir, 'notes.db');
    writeFileSync(path, 'just some text, not a database', { mode: 0o600 });
    expect(diagnoseDatabase(path)).toEqual({
      checks: [
        {
          name: 'database',
          status: 'fail',
          detail: `${path} is not an SQLite database`,
          fix: expect.stringContaining('move this one aside'),
        },
      ],
    });
  });

  it('passes the database a store made, and names the file for the lock check', () => {
    const path = join(dir, 'zoomlink.db');
    openStore({ path }).close();
    expect(diagnoseDatabase(path)).toEqual({
      checks: [
        {
          name: 'database',
          status: 'ok',
          detail: `${path}: readable and writable, schema ${latestSchemaVersion}`,
        },
      ],
      sqliteFile: path,
    });
  });

  it('says an older schema is upgraded on the next run, and warns when others can read it', () => {
    const path = sqliteFile('old.db', 1, 0o644);
    expect(diagnoseDatabase(path).checks).toEqual([
      {
        name: 'database',
        status: 'ok',
        detail: `${path}: readable and writable, schema 1; upgraded to ${latestSchemaVersion} on the next run`,
      },
      {
        name: 'database permissions',
        status: 'warn',
        detail: `${path} is readable by others (mode 644); it holds passcodes`,
        fix: `chmod 600 ${path} (zoomlink also does this when it opens the database)`,
      },
    ]);
  });

  it('fails a schema newer than this zoomlink knows', () => {
    const path = sqliteFile('new.db', latestSchemaVersion + 1);
    expect(diagnoseDatabase(path).checks).toEqual([
      {
        name: 'database',
        status: 'fail',
        detail: `${path}: schema ${latestSchemaVersion + 1}, newer than this zoomlink knows (${latestSchemaVersion})`,
        fix: 'Run the newer zoomlink that wrote it; zoomlink never downgrades a database.',
      },
    ]);
  });
});
