import { describe, expect, it } from 'vitest';
import { StoreError, type Store } from '../../../src/store/index.js';
import { seedRooms, useTempStores } from './temp-store.js';

/** Writes to every table, so a rollback has something to undo everywhere. */
function writeEverything(store: Store) {
  seedRooms(store, 'room-a');
  store.rooms.setSyncToken('room-a', 'token-2');
  store.links.upsert({
    eventId: 'e1',
    icalUid: 'u1',
    strategy: 'series',
    state: 'pending',
    rooms: ['room-a'],
  });
  store.overrides.put({
    eventId: 'e1',
    originalStart: new Date(0),
    kind: 'deleted',
    appliedHash: 'h',
  });
  store.occurrenceMeetings.put({
    eventId: 'e1',
    occurrenceStart: new Date(0),
    zoomMeetingId: 5,
    joinUrl: 'https://zoom.example/j/5',
    durationMinutes: 30,
  });
  store.intents.open({ eventId: 'e1', zoomHost: 'h' });
  store.audit.record({ service: 'zoom', action: 'meeting.create', target: '5', result: 'ok' });
  store.hosts.park('h', new Date('2030-01-01T00:00:00Z'));
}

function snapshot(store: Store) {
  return {
    rooms: store.rooms.list(),
    links: store.links.list(),
    overrides: store.overrides.listForLink('e1'),
    meetings: store.occurrenceMeetings.listForLink('e1'),
    intents: store.intents.listOpen(),
    audit: store.audit.count(),
    hosts: store.hosts.list(),
  };
}

describe('store.transaction', () => {
  const temp = useTempStores();

  it('commits everything the function wrote and returns its value', () => {
    const { store } = temp.fresh();
    const value = store.transaction(() => {
      writeEverything(store);
      return 42;
    });
    expect(value).toBe(42);
    expect(store.links.get('e1')?.rooms).toEqual(['room-a']);
    expect(store.intents.listOpen()).toHaveLength(1);
  });

  it('leaves nothing behind when the function throws', () => {
    const { store, path, clock } = temp.fresh();
    seedRooms(store, 'room-a');
    store.rooms.setSyncToken('room-a', 'token-1');
    const before = snapshot(store);
    expect(() =>
      store.transaction(() => {
        writeEverything(store);
        throw new Error('Zoom said no');
      }),
    ).toThrow('Zoom said no');
    expect(snapshot(store)).toEqual(before);
    store.close();
    // Nothing of it reached the file either.
    const again = temp.open({ path, now: clock.now });
    expect(snapshot(again)).toEqual(before);
  });

  it('rolls back the writes of a repository method that failed halfway', () => {
    const { store } = temp.fresh();
    // The row is written, then a room that does not exist fails the foreign key.
    expect(() =>
      store.links.upsert({
        eventId: 'e1',
        icalUid: 'u1',
        strategy: 'single',
        state: 'pending',
        rooms: ['missing-room'],
      }),
    ).toThrow(StoreError);
    expect(store.links.get('e1')).toBeUndefined();
  });

  it('nests: an inner unit of work that throws and is caught undoes only itself', () => {
    const { store } = temp.fresh();
    store.transaction(() => {
      seedRooms(store, 'room-a');
      try {
        store.transaction(() => {
          seedRooms(store, 'room-b');
          throw new Error('inner');
        });
      } catch {
        // the outer unit goes on
      }
    });
    expect(store.rooms.list().map((room) => room.calendarId)).toEqual(['room-a']);
  });

  it('refuses an async function and rolls back what it wrote before its first await', async () => {
    const { store } = temp.fresh();
    let error: unknown;
    try {
      store.transaction(async () => {
        seedRooms(store, 'room-a');
        await Promise.resolve();
      });
    } catch (caught) {
      error = caught;
    }
    expect((error as StoreError).code).toBe('STORE_ASYNC_TRANSACTION');
    // Let the abandoned promise settle before looking.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(store.rooms.list()).toEqual([]);
  });
});

describe('two processes on one file', () => {
  const temp = useTempStores();

  it('gives STORE_BUSY (retryable) when the other holds the write lock past the timeout', () => {
    const { store, path } = temp.fresh();
    const other = temp.open({ path, busyTimeoutMs: 20 });
    let error: unknown;
    store.transaction(() => {
      seedRooms(store, 'room-a');
      try {
        seedRooms(other, 'room-b');
      } catch (caught) {
        error = caught;
      }
    });
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('STORE_BUSY');
    expect((error as StoreError).retryable).toBe(true);
    // Once the lock is free, the other connection writes and both see everything.
    seedRooms(other, 'room-b');
    expect(store.rooms.list()).toHaveLength(2);
  });

  it('lets a reader see the last committed state while a write is in progress', () => {
    const { store, path } = temp.fresh();
    seedRooms(store, 'room-a');
    const reader = temp.open({ path });
    store.transaction(() => {
      seedRooms(store, 'room-b');
      expect(reader.rooms.list()).toHaveLength(1);
    });
    expect(reader.rooms.list()).toHaveLength(2);
  });
});
