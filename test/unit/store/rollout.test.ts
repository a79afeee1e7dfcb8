import { describe, expect, it } from 'vitest';
import { useTempStores } from './temp-store.js';

describe('store: what rolling out needs', () => {
  const temp = useTempStores();

  it('a room whose scope hash changes loses its sync token (the next poll reads it whole); the same hash keeps it', () => {
    const { store } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com', scopeHash: 'one' });
    store.rooms.setSyncToken('room-a', 'token-1');
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com', scopeHash: 'one' });
    expect(store.rooms.get('room-a')).toMatchObject({ syncToken: 'token-1', scopeHash: 'one' });
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com' });
    expect(store.rooms.get('room-a')).toMatchObject({ syncToken: 'token-1', scopeHash: 'one' });
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com', scopeHash: 'two' });
    expect(store.rooms.get('room-a')).toMatchObject({ syncToken: null, scopeHash: 'two' });
  });

  it('a room stored before scope hashes (none) is read whole once', () => {
    const { store } = temp.fresh();
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com' });
    store.rooms.setSyncToken('room-a', 'token-1');
    store.rooms.upsert({ calendarId: 'room-a', zoomHost: 'h@example.com', scopeHash: 'one' });
    expect(store.rooms.get('room-a')?.syncToken).toBeNull();
  });

  it('an organizer looked up is remembered, case-insensitively', () => {
    const { store } = temp.fresh();
    expect(store.zoomUsers.get('Alice@Example.com')).toBeUndefined();
    store.zoomUsers.record('alice@example.com', false, 'not a user of the account');
    expect(store.zoomUsers.get('ALICE@example.com')).toMatchObject({
      email: 'alice@example.com',
      eligible: false,
      detail: 'not a user of the account',
      checkedAt: '2025-03-03T09:00:00.000Z',
    });
    store.zoomUsers.record('Alice@example.com', null, 'ZOOM_UNAVAILABLE');
    expect(store.zoomUsers.get('alice@example.com')?.eligible).toBeNull();
  });

  it('the decommission journal opens once and advances; advancing an unknown booking fails', () => {
    const { store } = temp.fresh();
    const first = store.decommissions.open('evt1');
    expect(first.state).toBe('open');
    store.decommissions.advance('evt1', 'meetings_deleted');
    expect(store.decommissions.open('evt1').state).toBe('meetings_deleted');
    store.decommissions.advance('evt1', 'done');
    expect([...store.decommissions.doneIds()]).toEqual(['evt1']);
    expect(() => store.decommissions.advance('evt2', 'done')).toThrow(/evt2/);
  });

  it('ignored bookings not over are counted by skip code; the code is kept by later writes that do not name it', () => {
    const { store } = temp.fresh();
    const ignored = (eventId: string, skipCode: string, endsAt: string) =>
      store.links.upsert({
        eventId,
        icalUid: `${eventId}@google.com`,
        strategy: 'skipped',
        state: 'ignored',
        skipCode,
        span: { startsAt: '2025-03-01T09:00:00Z', endsAt },
      });
    ignored('a', 'policy_opt_in', '2025-03-10T10:00:00Z');
    ignored('b', 'policy_opt_in', '2025-03-11T10:00:00Z');
    ignored('c', 'other_conference', '2025-03-12T10:00:00Z');
    ignored('d', 'policy_opt_in', '2025-03-01T10:00:00Z');
    store.links.update('c', { reason: 'a Teams link' });
    expect(store.links.countIgnoredByCode(new Date('2025-03-03T09:00:00Z'))).toEqual({
      other_conference: 1,
      policy_opt_in: 2,
    });
  });

  it('observations are kept per booking, newest first', () => {
    const { store, clock } = temp.fresh();
    store.observations.put('a', 'room-a', { actions: ['create'] });
    clock.set('2025-03-03T10:00:00.000Z');
    store.observations.put('b', 'room-a', { actions: ['skip'] });
    store.observations.put('a', 'room-b', { actions: ['create', 'write-back'] });
    expect(store.observations.list(10).map((o) => [o.eventId, o.calendarId, o.preview])).toEqual([
      ['a', 'room-b', { actions: ['create', 'write-back'] }],
      ['b', 'room-a', { actions: ['skip'] }],
    ]);
    expect(store.observations.countByAction()).toEqual({ create: 1, 'write-back': 1, skip: 1 });
    store.observations.put('c', 'room-a', { actions: [] });
    expect(store.observations.countByAction()).toMatchObject({ none: 1 });
    store.observations.remove('a');
    expect(store.observations.count()).toBe(2);
  });
});
