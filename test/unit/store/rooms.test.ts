import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.js';

describe('store.rooms', () => {
  const temp = useTempStores();

  it('adds a room, then updates its name and host without losing its sync state', () => {
    const { store, clock } = temp.fresh();
    const added = store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'old@example.com' });
    expect(added).toEqual({
      calendarId: 'room-a',
      name: '',
      zoomHost: 'old@example.com',
      syncToken: null,
      lastPollAt: null,
      lastSuccessAt: null,
      lastError: null,
      lastErrorAt: null,
      scopeHash: null,
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    store.rooms.setSyncToken('room-a', 'token-1');
    clock.set('2025-03-03T10:00:00.000Z');
    const updated = store.rooms.upsert({
      calendarId: 'room-a',
      zoomHost: 'new@example.com',
      name: 'Boardroom',
    });
    expect(updated).toMatchObject({
      name: 'Boardroom',
      zoomHost: 'new@example.com',
      syncToken: 'token-1',
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T10:00:00.000Z',
    });
    expect(store.rooms.get('room-a')).toEqual(updated);
  });

  it('lists rooms by calendar id and returns undefined for an unknown one', () => {
    const { store } = temp.fresh();
    for (const id of ['room-c', 'room-a', 'room-b']) {
      store.rooms.upsert({ calendarId: id, zoomHost: 'h' });
    }
    expect(store.rooms.list().map((room) => room.calendarId)).toEqual([
      'room-a',
      'room-b',
      'room-c',
    ]);
    expect(store.rooms.get('room-z')).toBeUndefined();
  });

  it('sets and clears the sync token', () => {
    const { store } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h' });
    store.rooms.setSyncToken('room-a', 'CPDAlvWDx70CEPDAlvWDx70CGAU=');
    expect(store.rooms.get('room-a')?.syncToken).toBe('CPDAlvWDx70CEPDAlvWDx70CGAU=');
    store.rooms.clearSyncToken('room-a');
    expect(store.rooms.get('room-a')?.syncToken).toBeNull();
  });

  it('records poll attempts, failures (redacted) and successes that clear the error', () => {
    const { store } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h' });
    store.rooms.recordPollStarted('room-a', new Date('2025-03-03T09:01:00Z'));
    store.rooms.recordPollFailed(
      'room-a',
      'GET https://calendar.example/?access_token=ya29.secret failed: 503',
      new Date('2025-03-03T09:01:05Z'),
    );
    expect(store.rooms.get('room-a')).toMatchObject({
      lastPollAt: '2025-03-03T09:01:00.000Z',
      lastSuccessAt: null,
      lastError: 'GET https://calendar.example/?access_token=[REDACTED] failed: 503',
      lastErrorAt: '2025-03-03T09:01:05.000Z',
    });
    store.rooms.recordPollStarted('room-a', new Date('2025-03-03T09:02:00Z'));
    store.rooms.recordPollSucceeded('room-a', new Date('2025-03-03T09:02:03Z'));
    expect(store.rooms.get('room-a')).toMatchObject({
      lastPollAt: '2025-03-03T09:02:00.000Z',
      lastSuccessAt: '2025-03-03T09:02:03.000Z',
      lastError: null,
      lastErrorAt: null,
    });
  });

  it('refuses to record anything for a room it does not know', () => {
    const { store } = temp.fresh();
    const at = new Date('2025-03-03T09:00:00Z');
    const calls = [
      () => store.rooms.setSyncToken('ghost', 't'),
      () => store.rooms.clearSyncToken('ghost'),
      () => store.rooms.recordPollStarted('ghost', at),
      () => store.rooms.recordPollSucceeded('ghost', at),
      () => store.rooms.recordPollFailed('ghost', 'x', at),
    ];
    for (const call of calls) {
      expect(call).toThrow(expect.objectContaining({ code: 'STORE_NOT_FOUND' }));
    }
  });

  it('removes a room and its place in links, keeping the links', () => {
    const { store } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h' });
    store.rooms.upsert({ calendarId: 'room-b', zoomHost: 'h' });
    store.links.upsert({
      eventId: 'e1',
      icalUid: 'u1',
      strategy: 'single',
      state: 'linked',
      rooms: ['room-a', 'room-b'],
    });
    expect(store.rooms.remove('room-a')).toBe(true);
    expect(store.rooms.remove('room-a')).toBe(false);
    expect(store.links.get('e1')?.rooms).toEqual(['room-b']);
  });
});
