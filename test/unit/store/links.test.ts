import { describe, expect, it } from 'vitest';
import type { LinkInput } from '../../../src/store/index.js';
import { weeklyBooking } from './sample-events.js';
import { seedRooms, useTempStores } from './temp-store.js';

const booking = (eventId: string, extra: Partial<LinkInput> = {}): LinkInput => ({
  eventId,
  icalUid: `${eventId}@google.com`,
  organizerEmail: 'ann@example.com',
  strategy: 'single',
  state: 'pending',
  rooms: ['room-a'],
  ...extra,
});

const ids = (links: Array<{ eventId: string }>) => links.map((link) => link.eventId);

describe('store.links', () => {
  const temp = useTempStores();
  const fresh = () => {
    const opened = temp.fresh();
    seedRooms(opened.store, 'room-a', 'room-b');
    return opened;
  };

  it('writes a whole link and reads it back as a typed object', () => {
    const { store } = fresh();
    const link = store.links.upsert({
      eventId: 'abc123',
      icalUid: 'abc123@google.com',
      organizerEmail: 'ann@example.com',
      strategy: 'series',
      state: 'linked',
      zoomMeetingId: 98_765_432_109,
      zoomHost: 'zoom-a@example.com',
      joinUrl: 'https://zoom.example/j/98765432109?pwd=x',
      passcode: '123456',
      windowFrom: '2025-03-03T10:00:00+01:00',
      windowTo: new Date('2025-12-01T09:00:00Z'),
      zoomHash: 'zh',
      writebackHash: 'wh',
      writebackCalendarId: 'ann@example.com',
      writebackAs: 'ann@example.com',
      reason: null,
      rooms: ['room-b', 'room-a'],
    });
    expect(link).toEqual({
      eventId: 'abc123',
      icalUid: 'abc123@google.com',
      organizerEmail: 'ann@example.com',
      strategy: 'series',
      state: 'linked',
      zoomMeetingId: 98_765_432_109,
      zoomHost: 'zoom-a@example.com',
      joinUrl: 'https://zoom.example/j/98765432109?pwd=x',
      passcode: '123456',
      windowFrom: '2025-03-03T09:00:00.000Z',
      windowTo: '2025-12-01T09:00:00.000Z',
      zoomHash: 'zh',
      writebackHash: 'wh',
      writebackCalendarId: 'ann@example.com',
      writebackAs: 'ann@example.com',
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      lastErrorAt: null,
      reason: null,
      rooms: ['room-a', 'room-b'],
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    expect(store.links.get('abc123')).toEqual(link);
    expect(store.links.get('nope')).toBeUndefined();
  });

  it('replaces the row on upsert, keeping createdAt, and keeps the rooms unless given', () => {
    const { store, clock } = fresh();
    store.links.upsert(booking('e1', { rooms: ['room-a', 'room-b'], zoomHash: 'old' }));
    clock.set('2025-03-04T09:00:00.000Z');
    const replaced = store.links.upsert({
      eventId: 'e1',
      icalUid: 'e1@google.com',
      strategy: 'single',
      state: 'pending',
    });
    expect(replaced).toMatchObject({
      organizerEmail: '',
      zoomHash: null,
      rooms: ['room-a', 'room-b'],
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-04T09:00:00.000Z',
    });
    expect(store.links.upsert(booking('e1', { rooms: ['room-b'] })).rooms).toEqual(['room-b']);
  });

  it('patches only the given fields', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1', { zoomHash: 'z1', writebackHash: 'w1' }));
    const patched = store.links.update('e1', { writebackHash: 'w2', zoomHash: undefined });
    expect(patched).toMatchObject({ zoomHash: 'z1', writebackHash: 'w2', rooms: ['room-a'] });
    expect(store.links.update('e1', { rooms: ['room-b'] }).rooms).toEqual(['room-b']);
    expect(() => store.links.update('ghost', { zoomHash: 'x' })).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_FOUND' }),
    );
  });

  it('counts failures, redacts the error and schedules the next try', () => {
    const { store, clock } = fresh();
    store.links.upsert(booking('e1'));
    clock.set('2025-03-03T09:05:00.000Z');
    store.links.markFailed('e1', 'first', new Date('2025-03-03T09:06:00Z'));
    const failed = store.links.markFailed(
      'e1',
      'Zoom 500 for https://zoom.example/j/1?pwd=abc',
      new Date('2025-03-03T09:07:00Z'),
    );
    expect(failed).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'Zoom 500 for https://zoom.example/j/1?pwd=[REDACTED]',
      lastErrorAt: '2025-03-03T09:05:00.000Z',
      nextAttemptAt: '2025-03-03T09:07:00.000Z',
    });
    expect(() => store.links.markFailed('ghost', 'x', new Date())).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_FOUND' }),
    );
  });

  it('keeps the event as last processed until it is given again, through a reopen', () => {
    const { store, path, clock } = fresh();
    store.links.upsert(booking('e1', { eventSnapshot: weeklyBooking }));
    store.links.markFailed('e1', 'Zoom 503', new Date('2025-03-03T09:06:00Z'));
    store.links.update('e1', { zoomHash: 'z2' });
    store.links.upsert(booking('e1', { state: 'failed' }));
    expect(store.links.getSnapshot('e1')).toEqual(weeklyBooking);
    const newer = { ...weeklyBooking, summary: 'Weekly sync (moved)' };
    store.links.update('e1', { eventSnapshot: newer });
    store.close();
    const again = temp.open({ path, now: clock.now });
    expect(again.links.getSnapshot('e1')).toEqual(newer);
    again.links.upsert(booking('e1', { eventSnapshot: null }));
    expect(again.links.getSnapshot('e1')).toBeUndefined();
    expect(again.links.getSnapshot('ghost')).toBeUndefined();
  });

  it('defers a link without counting a failure, and lists it when it is due', () => {
    const { store, clock } = fresh();
    store.links.upsert(booking('e1'));
    store.links.markFailed('e1', 'Zoom 500', new Date('2025-03-03T09:01:00Z'));
    clock.set('2025-03-03T09:01:00.000Z');
    const deferred = store.links.defer(
      'e1',
      new Date('2025-03-04T00:00:00Z'),
      'Zoom host zoom-a@example.com is parked until 2025-03-04T00:00:00Z',
    );
    expect(deferred).toMatchObject({
      state: 'pending',
      attempts: 1,
      nextAttemptAt: '2025-03-04T00:00:00.000Z',
      lastError: 'Zoom host zoom-a@example.com is parked until 2025-03-04T00:00:00Z',
      lastErrorAt: '2025-03-03T09:01:00.000Z',
    });
    expect(store.links.listDue(new Date('2025-03-03T23:59:59Z'))).toEqual([]);
    expect(ids(store.links.listDue(new Date('2025-03-04T00:00:00Z')))).toEqual(['e1']);
    expect(() => store.links.defer('ghost', new Date(), 'x')).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_FOUND' }),
    );
  });

  it('marks a link linked, clearing attempts, retry time and error', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1'));
    store.links.markFailed('e1', 'boom', new Date('2025-03-03T09:06:00Z'));
    const linked = store.links.markLinked('e1', {
      zoomMeetingId: 123,
      joinUrl: 'https://zoom.example/j/123',
      zoomHash: 'z',
      writebackHash: 'w',
    });
    expect(linked).toMatchObject({
      state: 'linked',
      zoomMeetingId: 123,
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      lastErrorAt: null,
      zoomHash: 'z',
    });
  });

  it('marks a link deleted and keeps it as history', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1', { state: 'failed', nextAttemptAt: new Date(0) }));
    expect(store.links.markDeleted('e1')).toMatchObject({ state: 'deleted', nextAttemptAt: null });
    expect(() => store.links.markDeleted('ghost')).toThrow(
      expect.objectContaining({ code: 'STORE_NOT_FOUND' }),
    );
  });

  it('lists failed and deferred links whose next attempt has come, longest waiting first', () => {
    const { store } = fresh();
    store.links.upsert(booking('late', { state: 'failed', nextAttemptAt: '2025-03-03T09:30:00Z' }));
    store.links.upsert(
      booking('due-2', { state: 'failed', nextAttemptAt: '2025-03-03T09:10:00Z' }),
    );
    store.links.upsert(
      booking('due-1', { state: 'failed', nextAttemptAt: '2025-03-03T09:00:00Z' }),
    );
    store.links.upsert(
      booking('exact', { state: 'failed', nextAttemptAt: '2025-03-03T09:15:00Z' }),
    );
    store.links.upsert(booking('deferred', { nextAttemptAt: '2025-03-03T09:05:00Z' }));
    store.links.upsert(booking('pending-now'));
    store.links.upsert(
      booking('linked', { state: 'linked', nextAttemptAt: '2025-03-03T09:00:00Z' }),
    );
    const now = new Date('2025-03-03T09:15:00Z');
    expect(ids(store.links.listDue(now))).toEqual(['due-1', 'deferred', 'due-2', 'exact']);
    expect(ids(store.links.listDue(now, 2))).toEqual(['due-1', 'deferred']);
  });

  it('lists by room and state, and everything by event id', () => {
    const { store } = fresh();
    store.links.upsert(booking('e2', { rooms: ['room-a', 'room-b'], state: 'linked' }));
    store.links.upsert(booking('e1', { rooms: ['room-b'], icalUid: 'shared@google.com' }));
    store.links.upsert(booking('e3', { rooms: [], icalUid: 'shared@google.com' }));
    expect(ids(store.links.list())).toEqual(['e1', 'e2', 'e3']);
    expect(ids(store.links.listByRoom('room-a'))).toEqual(['e2']);
    expect(ids(store.links.listByRoom('room-b'))).toEqual(['e1', 'e2']);
    expect(ids(store.links.listByState('pending'))).toEqual(['e1', 'e3']);
    expect(store.links.get('e3')?.rooms).toEqual([]);
  });

  it('finds the live link of a meeting before a deleted one', () => {
    const { store } = fresh();
    store.links.upsert(booking('old', { zoomMeetingId: 777, state: 'deleted' }));
    store.links.upsert(booking('new', { zoomMeetingId: 777, state: 'linked' }));
    expect(store.links.getByMeetingId(777)?.eventId).toBe('new');
    expect(store.links.getByMeetingId(1)).toBeUndefined();
  });

  it('adds, removes and sets the rooms of a booking', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1', { rooms: ['room-a'] }));
    store.links.addRoom('e1', 'room-b');
    store.links.addRoom('e1', 'room-b');
    expect(store.links.get('e1')?.rooms).toEqual(['room-a', 'room-b']);
    expect(store.links.removeRoom('e1', 'room-a')).toEqual(['room-b']);
    expect(store.links.removeRoom('e1', 'room-b')).toEqual([]);
    store.links.setRooms('e1', ['room-b', 'room-a']);
    expect(store.links.get('e1')?.rooms).toEqual(['room-a', 'room-b']);
    for (const call of [
      () => store.links.addRoom('ghost', 'room-a'),
      () => store.links.removeRoom('ghost', 'room-a'),
      () => store.links.setRooms('ghost', []),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'STORE_NOT_FOUND' }));
    }
  });

  it('counts links by state and by strategy, every key present', () => {
    const { store } = fresh();
    store.links.upsert(booking('e1', { state: 'linked' }));
    store.links.upsert(booking('e2', { state: 'linked', strategy: 'series' }));
    store.links.upsert(booking('e3', { strategy: 'foreign', state: 'ignored' }));
    store.links.upsert(booking('e4', { strategy: 'skipped', state: 'ignored', reason: 'all-day' }));
    expect(store.links.countByState()).toEqual({
      pending: 0,
      linked: 2,
      failed: 0,
      deleted: 0,
      ignored: 2,
    });
    expect(store.links.countByStrategy()).toEqual({
      single: 1,
      series: 1,
      no_fixed_time: 0,
      per_occurrence: 0,
      foreign: 1,
      skipped: 1,
    });
  });

  it('keeps ignored for foreign and skipped bookings, and only for them', () => {
    const { store } = fresh();
    const broken: LinkInput[] = [
      booking('a', { strategy: 'foreign', state: 'linked' }),
      booking('b', { strategy: 'single', state: 'ignored' }),
    ];
    for (const link of broken) {
      expect(() => store.links.upsert(link)).toThrow(
        expect.objectContaining({ code: 'STORE_CONSTRAINT' }),
      );
    }
    store.links.upsert(booking('c', { strategy: 'foreign', state: 'ignored' }));
    expect(() => store.links.markFailed('c', 'x', new Date())).toThrow(
      expect.objectContaining({ code: 'STORE_CONSTRAINT' }),
    );
    expect(store.links.markDeleted('c').state).toBe('deleted');
  });

  it('refuses a time without a zone instead of guessing one', () => {
    const { store } = fresh();
    expect(() => store.links.upsert(booking('e1', { windowTo: '2025-03-03T09:00:00' }))).toThrow(
      expect.objectContaining({ code: 'STORE_INVALID_TIME' }),
    );
    expect(store.links.get('e1')).toBeUndefined();
  });
});
