import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore, StoreError } from '../../../src/store/index.js';
import { useTempStores } from './temp-store.js';

const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);

function openError(run: () => unknown): StoreError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(StoreError);
    return error as StoreError;
  }
  throw new Error('expected openStore to throw');
}

describe('openStore', () => {
  const temp = useTempStores();

  it('creates a missing folder 0700 and the database, -wal and -shm files 0600', () => {
    const { store, path } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'a@example.com' });
    expect(mode(join(path, '..'))).toBe('700');
    expect(mode(path)).toBe('600');
    expect(mode(`${path}-wal`)).toBe('600');
    expect(mode(`${path}-shm`)).toBe('600');
  });

  it('makes an existing database file that others could read owner-only', () => {
    const path = join(temp.folder(), 'lax.db');
    writeFileSync(path, '');
    chmodSync(path, 0o644);
    temp.open({ path });
    expect(mode(path)).toBe('600');
  });

  it('uses WAL and enforces foreign keys', () => {
    const { path } = temp.fresh();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      db.close();
    }
    const { store } = temp.fresh();
    // A link naming a room that does not exist breaks a foreign key.
    expect(() =>
      store.links.upsert({
        eventId: 'e1',
        icalUid: 'u1',
        strategy: 'single',
        state: 'pending',
        rooms: ['no-such-room'],
      }),
    ).toThrow(expect.objectContaining({ code: 'STORE_CONSTRAINT' }));
  });

  it('names the path and the fix when the folder cannot be created', () => {
    const folder = temp.folder();
    writeFileSync(join(folder, 'not-a-folder'), 'x');
    const path = join(folder, 'not-a-folder', 'zoomlink.db');
    const error = openError(() => openStore({ path }));
    expect(error.code).toBe('STORE_OPEN_FAILED');
    expect(error.message).toContain(path);
    expect(error.message).toContain('database.path');
    expect(error.message).toContain('ZOOMLINK_DB');
  });

  it('refuses a folder given as the database path', () => {
    const path = join(temp.folder(), 'a-folder');
    mkdirSync(path);
    const error = openError(() => openStore({ path }));
    expect(error.code).toBe('STORE_OPEN_FAILED');
    expect(error.message).toContain('is a folder');
  });

  it('refuses a file that is not an SQLite database, and leaves it alone', () => {
    const path = join(temp.folder(), 'notes.db');
    const text = 'these are my notes, not a database\n'.repeat(200);
    writeFileSync(path, text);
    chmodSync(path, 0o644);
    const error = openError(() => openStore({ path }));
    expect(error.code).toBe('STORE_NOT_A_DATABASE');
    expect(error.message).toContain(path);
    expect(statSync(path).size).toBe(text.length);
    expect(mode(path)).toBe('644');
  });

  it('opens a throwaway store in memory', () => {
    const store = temp.open({ path: ':memory:' });
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'a@example.com' });
    expect(store.rooms.list()).toHaveLength(1);
    expect(store.stats().databaseBytes).toBeGreaterThan(0);
  });

  it('keeps everything across close and reopen', () => {
    const { store, path, clock } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'a@example.com', name: 'Alpha' });
    store.rooms.setSyncToken('room-a', 'token-1');
    store.links.upsert({
      eventId: 'e1',
      icalUid: 'u1@google.com',
      strategy: 'series',
      state: 'linked',
      zoomMeetingId: 98765432101,
      windowTo: '2025-06-01T00:00:00Z',
      rooms: ['room-a'],
    });
    store.overrides.put({
      eventId: 'e1',
      originalStart: '2025-03-10T09:00:00Z',
      kind: 'deleted',
      appliedHash: 'h',
    });
    store.occurrenceMeetings.put({
      eventId: 'e1',
      occurrenceStart: '2025-03-11T09:00:00Z',
      zoomMeetingId: 1,
      joinUrl: 'https://zoom.example/j/1',
      durationMinutes: 30,
    });
    const intent = store.intents.open({ eventId: 'e2', zoomHost: 'a@example.com' });
    store.audit.record({ service: 'zoom', action: 'meeting.create', target: '1', result: 'ok' });
    store.hosts.park('a@example.com', new Date('2025-03-04T00:00:00Z'));
    const before = {
      rooms: store.rooms.list(),
      links: store.links.list(),
      overrides: store.overrides.listForLink('e1'),
      meetings: store.occurrenceMeetings.listForLink('e1'),
      intents: store.intents.listOpen(),
      audit: store.audit.list(),
      hosts: store.hosts.list(),
    };
    store.close();

    const again = temp.open({ path, now: clock.now });
    expect({
      rooms: again.rooms.list(),
      links: again.links.list(),
      overrides: again.overrides.listForLink('e1'),
      meetings: again.occurrenceMeetings.listForLink('e1'),
      intents: again.intents.listOpen(),
      audit: again.audit.list(),
      hosts: again.hosts.list(),
    }).toEqual(before);
    expect(again.intents.get(intent.marker)?.state).toBe('open');
  });
});

describe('a closed store', () => {
  const temp = useTempStores();

  it('closes once, however often it is asked', () => {
    const { store } = temp.fresh();
    store.close();
    expect(() => store.close()).not.toThrow();
    expect(store.isOpen).toBe(false);
  });

  it('fails every call with STORE_CLOSED', () => {
    const { store } = temp.fresh();
    store.close();
    const calls: Array<() => unknown> = [
      () => store.links.get('e1'),
      () => store.rooms.list(),
      () => store.intents.listOpen(),
      () => store.audit.count(),
      () => store.hosts.parked(new Date()),
      () => store.overrides.listForLink('e1'),
      () => store.occurrenceMeetings.listForLink('e1'),
      () => store.stats(),
      () => store.transaction(() => 1),
    ];
    for (const call of calls) {
      expect(call).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }));
    }
  });
});
