import { describe, expect, it } from 'vitest';
import type { QueuedEvent } from '../../../src/store/index.js';
import { cancelledMonday, weeklyBooking } from './sample-events.js';
import { useTempStores } from './temp-store.js';

/** The work queue's repository: rows kept by booking, handed out soonest first. */
describe('store.queue', () => {
  const stores = useTempStores();
  const events = (key: string, seq = 1): QueuedEvent[] => [
    { key, seq, priorityAt: '2025-03-10T09:00:00.000Z', event: weeklyBooking },
  ];

  it('hands out the soonest row, first queued first among equals, leaving out those in flight', () => {
    const { store } = stores.fresh();
    store.queue.put('late', { events: events('a'), priorityAt: '2025-04-01T09:00:00Z' });
    store.queue.put('soon', { events: events('b'), priorityAt: '2025-03-04T09:00:00Z' });
    store.queue.put('soon-too', { events: events('c'), priorityAt: '2025-03-04T09:00:00Z' });
    expect(store.queue.next([])?.bookingId).toBe('soon');
    expect(store.queue.next(['soon'])?.bookingId).toBe('soon-too');
    expect(store.queue.next(['soon', 'soon-too'])?.bookingId).toBe('late');
    expect(store.queue.next(['soon', 'soon-too', 'late'])).toBeUndefined();
  });

  it('keeps a row’s place and first queue time when it is replaced, and counts its versions', () => {
    const { store, clock } = stores.fresh();
    const first = store.queue.put('e1', {
      events: events('a'),
      priorityAt: '2025-03-10T09:00:00Z',
    });
    store.queue.put('e2', { events: events('b'), priorityAt: '2025-03-10T09:00:00Z' });
    clock.set('2025-03-03T10:00:00.000Z');
    const second = store.queue.put('e1', {
      events: [
        ...events('a'),
        { key: 'c', seq: 2, priorityAt: '2025-03-17T09:00:00.000Z', event: cancelledMonday },
      ],
      priorityAt: '2025-03-10T09:00:00Z',
    });
    expect(second).toMatchObject({ version: 2, queuedAt: first.queuedAt });
    expect(second.events.map((e) => e.event.kind)).toEqual(['master', 'cancelledInstance']);
    expect(store.queue.next([])?.bookingId).toBe('e1');
    expect(store.queue.counts()).toEqual({
      queued: 2,
      held: 0,
      oldestQueuedAt: '2025-03-03T09:00:00.000Z',
    });
  });

  it('holds a row for a room until that room’s read is over', () => {
    const { store } = stores.fresh();
    store.queue.put('held', {
      events: events('a'),
      priorityAt: '2025-03-01T09:00:00Z',
      heldRoom: 'Room-A',
    });
    store.queue.put('other', { events: events('b'), priorityAt: '2025-03-20T09:00:00Z' });
    expect(store.queue.next([])?.bookingId).toBe('other');
    expect(store.queue.counts()).toMatchObject({ queued: 2, held: 1 });
    expect(store.queue.releaseHeld('room-b')).toBe(0);
    expect(store.queue.releaseHeld('ROOM-A')).toBe(1);
    expect(store.queue.next([])?.bookingId).toBe('held');
    store.queue.put('held', {
      events: events('a'),
      priorityAt: '2025-03-01T09:00:00Z',
      heldRoom: 'x',
    });
    expect(store.queue.releaseHeld(null)).toBe(1);
  });

  it('survives a restart, and forgets a row once removed', () => {
    const { store, path } = stores.fresh();
    store.queue.put('e1', { events: events('a'), priorityAt: '2025-03-10T09:00:00Z' });
    store.close();
    const reopened = stores.open({ path });
    expect(reopened.queue.get('e1')?.events).toEqual(events('a'));
    expect(reopened.stats().queuedBookings).toBe(1);
    expect(reopened.queue.remove('e1')).toBe(true);
    expect(reopened.queue.remove('e1')).toBe(false);
    expect(reopened.queue.counts()).toEqual({ queued: 0, held: 0, oldestQueuedAt: null });
  });
});
