import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { openStore, type OpenStoreOptions, type Store } from '../../../src/store/index.js';

/** A clock the test moves by hand; starts at a fixed date, never the real one. */
export function manualClock(start = '2025-03-03T09:00:00.000Z') {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set: (iso: string) => {
      now = new Date(iso);
    },
  };
}

/**
 * A fresh temp folder per test, removed afterwards, with every store opened through `open`
 * closed first. Real SQLite files: the store's behaviour on disk is what is under test.
 */
export function useTempStores() {
  const folders: string[] = [];
  const stores: Store[] = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    folder(): string {
      const folder = mkdtempSync(join(tmpdir(), 'zoomlink-store-'));
      folders.push(folder);
      return folder;
    },
    open(options: OpenStoreOptions): Store {
      const store = openStore(options);
      stores.push(store);
      return store;
    },
    /**
     * A store in a new folder, on a manual clock. Commits skip the fsync that only matters on
     * power loss (`synchronous: 'normal'`), to keep the suite fast; the crash test uses the default.
     */
    fresh(extra: Partial<OpenStoreOptions> = {}) {
      const clock = manualClock();
      const path = join(this.folder(), 'data', 'zoomlink.db');
      const store = this.open({ path, now: clock.now, synchronous: 'normal', ...extra });
      return { store, path, clock };
    },
  };
}

/** Rooms with a host each, so links can name them. */
export function seedRooms(store: Store, ...calendarIds: string[]) {
  for (const calendarId of calendarIds) {
    store.rooms.upsert({ calendarId, zoomHost: `host-${calendarId}@example.com` });
  }
}
