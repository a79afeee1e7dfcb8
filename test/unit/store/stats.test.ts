import { describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../../src/store/index.js';
import { seedRooms, useTempStores } from './temp-store.js';

describe('store.stats', () => {
  const temp = useTempStores();

  it('is all zeros for a new store, with the database size', () => {
    const { store } = temp.fresh();
    const stats = store.stats();
    expect(stats).toMatchObject({
      schemaVersion: latestSchemaVersion,
      rooms: 0,
      links: 0,
      openIntents: 0,
      parkedHosts: 0,
      auditEntries: 0,
    });
    expect(Object.values(stats.linksByState).every((n) => n === 0)).toBe(true);
    expect(stats.databaseBytes + stats.walBytes).toBeGreaterThan(0);
  });

  it('counts rooms, links by state and strategy, open intents, parked hosts and audit', () => {
    const { store } = temp.fresh();
    seedRooms(store, 'room-a', 'room-b', 'room-c');
    store.links.upsert({ eventId: 'e1', icalUid: 'u', strategy: 'single', state: 'linked' });
    store.links.upsert({ eventId: 'e2', icalUid: 'u', strategy: 'series', state: 'failed' });
    store.links.upsert({ eventId: 'e3', icalUid: 'u', strategy: 'skipped', state: 'ignored' });
    store.intents.open({ eventId: 'e4', zoomHost: 'h' });
    const done = store.intents.open({ eventId: 'e5', zoomHost: 'h' });
    store.intents.markDone(done.marker, 9);
    store.hosts.park('h', new Date('2025-03-04T00:00:00Z'));
    store.hosts.park('gone', new Date('2025-03-01T00:00:00Z'));
    store.audit.record({ service: 'zoom', action: 'meeting.create', target: '9', result: 'ok' });
    const stats = store.stats();
    expect(stats).toMatchObject({
      rooms: 3,
      links: 3,
      linksByState: { pending: 0, linked: 1, failed: 1, deleted: 0, ignored: 1 },
      linksByStrategy: { single: 1, series: 1, skipped: 1, foreign: 0 },
      openIntents: 1,
      parkedHosts: 1,
      auditEntries: 1,
    });
  });

  it('reports a database that grows with what it holds', () => {
    const { store } = temp.fresh();
    const size = () => {
      const { databaseBytes, walBytes } = store.stats();
      return databaseBytes + walBytes;
    };
    const before = size();
    store.transaction(() => {
      for (let i = 0; i < 500; i++) {
        store.links.upsert({
          eventId: `event-${i}`,
          icalUid: `event-${i}@google.com`,
          strategy: 'single',
          state: 'linked',
          joinUrl: `https://zoom.example/j/${i}`,
        });
      }
    });
    expect(size()).toBeGreaterThan(before + 500 * 50);
  });
});
