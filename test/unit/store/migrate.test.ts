import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion, type Migration } from '../../../src/store/migrate.js';
import { latestSchemaVersion, migrations } from '../../../src/store/migrations/index.js';
import { openStore, StoreError } from '../../../src/store/index.js';
import { useTempStores } from './temp-store.js';

const tables = (db: Database.Database) =>
  db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
    .pluck()
    .all();

/** A made-up history of three steps, to drive the runner through every upgrade path. */
const history: Migration[] = [
  {
    version: 1,
    description: 'notes',
    up: (db) => void db.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)'),
  },
  {
    version: 2,
    description: 'note authors',
    up: (db) => void db.exec("ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'nobody'"),
  },
  {
    version: 3,
    description: 'upper-case texts',
    up: (db) => void db.exec('UPDATE notes SET text = upper(text)'),
  },
];

describe('migrate', () => {
  const temp = useTempStores();
  const database = () => {
    const db = new Database(join(temp.folder(), 'm.db'));
    db.pragma('foreign_keys = ON');
    return db;
  };

  it('brings an empty file to the newest schema', () => {
    const db = database();
    expect(migrate(db, migrations, 'm.db')).toEqual({ from: 0, to: latestSchemaVersion });
    expect(schemaVersion(db)).toBe(latestSchemaVersion);
    expect(tables(db)).toEqual([
      'audit_log',
      'decommissions',
      'intents',
      'link_rooms',
      'links',
      'observations',
      'occurrence_meetings',
      'occurrence_overrides',
      'pool_moves',
      'push_channels',
      'rooms',
      'work_queue',
      'zoom_hosts',
      'zoom_login',
      'zoom_users',
    ]);
    db.close();
  });

  it.each([0, 1, 2])('upgrades from version %i to the newest, keeping the data', (start) => {
    const db = database();
    migrate(db, history.slice(0, start), 'm.db');
    if (start >= 1) db.prepare("INSERT INTO notes (text) VALUES ('keep me')").run();
    expect(migrate(db, history, 'm.db')).toEqual({ from: start, to: 3 });
    expect(schemaVersion(db)).toBe(3);
    if (start >= 1) {
      expect(db.prepare('SELECT text, author FROM notes').all()).toEqual([
        { text: 'KEEP ME', author: 'nobody' },
      ]);
    }
    db.close();
  });

  it('does nothing on a database already at the newest version', () => {
    const db = database();
    migrate(db, history, 'm.db');
    db.prepare("INSERT INTO notes (text) VALUES ('once')").run();
    expect(migrate(db, history, 'm.db')).toEqual({ from: 3, to: 3 });
    expect(db.prepare('SELECT text FROM notes').pluck().all()).toEqual(['once']);
    db.close();
  });

  it('leaves a database at the previous version with nothing of a failed step', () => {
    const db = database();
    const failing: Migration = {
      version: 3,
      description: 'half done',
      up: (inner) => {
        inner.exec('CREATE TABLE half (id INTEGER)');
        throw new Error('disk on fire');
      },
    };
    const error = (() => {
      try {
        migrate(db, [history[0]!, history[1]!, failing], 'm.db');
      } catch (caught) {
        return caught as StoreError;
      }
    })();
    expect(error?.code).toBe('STORE_MIGRATION_FAILED');
    expect(error?.message).toContain('version 3');
    expect(error?.message).toContain('still at version 2');
    expect(schemaVersion(db)).toBe(2);
    expect(tables(db)).toEqual(['notes']);
    db.close();
  });

  it('refuses a step that leaves rows pointing at missing rows', () => {
    const db = database();
    // Off, as a table rebuild needs it: only the check after the step can catch the damage.
    db.pragma('foreign_keys = OFF');
    const dangling: Migration = {
      version: 1,
      description: 'dangling',
      up: (inner) => {
        inner.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
          CREATE TABLE child (parent_id INTEGER REFERENCES parent (id));
          INSERT INTO child VALUES (7);`);
      },
    };
    expect(() => migrate(db, [dangling], 'm.db')).toThrow(
      expect.objectContaining({
        code: 'STORE_MIGRATION_FAILED',
        message: expect.stringContaining('1 row(s) pointing at missing rows'),
      }),
    );
    expect(schemaVersion(db)).toBe(0);
    db.close();
  });

  it('refuses a database newer than the code, and leaves it untouched', () => {
    const db = database();
    migrate(db, history, 'm.db');
    let error: unknown;
    try {
      migrate(db, history.slice(0, 2), 'm.db');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_SCHEMA_TOO_NEW');
    expect((error as StoreError).message).toMatch(/version 3.*up to 2/);
    expect(schemaVersion(db)).toBe(3);
    db.close();
  });

  it('rejects a migration list with a gap', () => {
    const db = database();
    expect(() => migrate(db, [history[0]!, history[2]!], 'm.db')).toThrow(/out of order/);
    db.close();
  });
});

describe('openStore and schema versions', () => {
  const temp = useTempStores();

  it.each(Array.from({ length: latestSchemaVersion }, (_, version) => version))(
    'opens a database left at version %i and upgrades it to the newest',
    (version) => {
      const path = join(temp.folder(), 'old.db');
      const db = new Database(path);
      migrate(db, migrations.slice(0, version), path);
      db.close();
      const store = temp.open({ path });
      expect(store.schemaVersion).toBe(latestSchemaVersion);
      expect(store.stats().schemaVersion).toBe(latestSchemaVersion);
    },
  );

  it('refuses to open a database written by a newer zoomlink', () => {
    const path = join(temp.folder(), 'future.db');
    const db = new Database(path);
    db.pragma(`user_version = ${latestSchemaVersion + 1}`);
    db.close();
    expect(() => openStore({ path })).toThrow(
      expect.objectContaining({
        code: 'STORE_SCHEMA_TOO_NEW',
        message: expect.stringContaining(path),
      }),
    );
    const after = new Database(path);
    expect(after.pragma('user_version', { simple: true })).toBe(latestSchemaVersion + 1);
    after.close();
  });
});
