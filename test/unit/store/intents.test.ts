import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findIntentMarker, type Store } from '../../../src/store/index.js';
import { useTempStores } from './temp-store.js';

const conflict = expect.objectContaining({ code: 'STORE_INTENT_CONFLICT' });

describe('the intent journal', () => {
  const temp = useTempStores();

  it('opens an intent with a fresh marker that survives a restart', () => {
    const { store, path, clock } = temp.fresh();
    const intent = store.intents.open({ eventId: 'e1', zoomHost: 'zoom-a@example.com' });
    expect(intent).toEqual({
      marker: expect.stringMatching(/^zoomlink:[0-9a-f-]{36}$/),
      eventId: 'e1',
      occurrenceStart: null,
      zoomHost: 'zoom-a@example.com',
      state: 'open',
      zoomMeetingId: null,
      attempts: 1,
      reason: null,
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
      resolvedAt: null,
    });
    store.close();
    const after = temp.open({ path, now: clock.now });
    expect(after.intents.listOpen()).toEqual([intent]);
  });

  it('walks the crash-recovery lifecycle: open, found by marker, done', () => {
    const { store, clock } = temp.fresh();
    const intent = store.intents.open({ eventId: 'e1', zoomHost: 'h' });
    // The agenda the meeting was created with carries the marker.
    const agenda = `Booked by Ann.\n\n${intent.marker}`;
    expect(findIntentMarker(agenda)).toBe(intent.marker);

    clock.set('2025-03-03T09:02:00.000Z');
    const done = store.intents.markDone(intent.marker, 85_746_065_432);
    expect(done).toMatchObject({
      state: 'done',
      zoomMeetingId: 85_746_065_432,
      resolvedAt: '2025-03-03T09:02:00.000Z',
    });
    expect(store.intents.listOpen()).toEqual([]);
    // Recovery may see the same meeting twice; the second markDone changes nothing.
    expect(store.intents.markDone(intent.marker, 85_746_065_432)).toEqual(done);
    expect(() => store.intents.markDone(intent.marker, 1)).toThrow(conflict);
    expect(() => store.intents.abandon(intent.marker, 'x')).toThrow(conflict);
  });

  it('abandons an intent whose meeting was never made, then allows a new one', () => {
    const { store } = temp.fresh();
    const first = store.intents.open({ eventId: 'e1', zoomHost: 'h' });
    expect(() => store.intents.open({ eventId: 'e1', zoomHost: 'h' })).toThrow(conflict);
    const abandoned = store.intents.abandon(first.marker, 'booking cancelled before the create');
    expect(abandoned).toMatchObject({
      state: 'abandoned',
      zoomMeetingId: null,
      reason: 'booking cancelled before the create',
      resolvedAt: '2025-03-03T09:00:00.000Z',
    });
    expect(store.intents.abandon(first.marker, 'again')).toEqual(abandoned);
    expect(() => store.intents.markDone(first.marker, 5)).toThrow(conflict);
    const second = store.intents.open({ eventId: 'e1', zoomHost: 'h' });
    expect(second.marker).not.toBe(first.marker);
    expect(store.intents.get(first.marker)?.state).toBe('abandoned');
    expect(store.intents.listOpen()).toEqual([second]);
  });

  it('keeps one open intent per occurrence of a per_occurrence booking', () => {
    const { store } = temp.fresh();
    const monday = store.intents.open({
      eventId: 'e1',
      zoomHost: 'h',
      occurrenceStart: '2025-03-10T09:00:00Z',
    });
    store.intents.open({ eventId: 'e1', zoomHost: 'h', occurrenceStart: '2025-03-17T09:00:00Z' });
    store.intents.open({ eventId: 'e1', zoomHost: 'h' });
    expect(() =>
      store.intents.open({
        eventId: 'e1',
        zoomHost: 'h',
        occurrenceStart: new Date('2025-03-10T09:00:00Z'),
      }),
    ).toThrow(conflict);
    expect(store.intents.findOpen('e1', '2025-03-10T10:00:00+01:00')).toEqual(monday);
    expect(store.intents.findOpen('e1')?.occurrenceStart).toBeNull();
    expect(store.intents.findOpen('e2')).toBeUndefined();
    expect(store.intents.listOpen()).toHaveLength(3);
  });

  it('lists open intents oldest first', () => {
    const { store, clock } = temp.fresh();
    clock.set('2025-03-03T09:05:00.000Z');
    const later = store.intents.open({ eventId: 'later', zoomHost: 'h' });
    clock.set('2025-03-03T09:01:00.000Z');
    const earlier = store.intents.open({ eventId: 'earlier', zoomHost: 'h' });
    const done = store.intents.open({ eventId: 'done', zoomHost: 'h' });
    store.intents.markDone(done.marker, 7);
    expect(store.intents.listOpen().map((i) => i.marker)).toEqual([earlier.marker, later.marker]);
  });

  it('names an unknown marker', () => {
    const { store } = temp.fresh();
    for (const call of [
      () => store.intents.markDone('zoomlink:nope', 1),
      () => store.intents.abandon('zoomlink:nope', 'x'),
    ]) {
      expect(call).toThrow(expect.objectContaining({ code: 'STORE_NOT_FOUND' }));
    }
    expect(store.intents.get('zoomlink:nope')).toBeUndefined();
  });

  it('prunes resolved intents older than the retention, never open ones', () => {
    const { store, clock } = temp.fresh();
    const resolveAt = (store: Store, eventId: string, iso: string, how: 'done' | 'abandon') => {
      clock.set(iso);
      const intent = store.intents.open({ eventId, zoomHost: 'h' });
      if (how === 'done') store.intents.markDone(intent.marker, 1);
      else store.intents.abandon(intent.marker, 'gone');
      return intent;
    };
    resolveAt(store, 'old-done', '2025-01-01T00:00:00.000Z', 'done');
    resolveAt(store, 'old-abandoned', '2025-01-02T00:00:00.000Z', 'abandon');
    const recent = resolveAt(store, 'recent', '2025-03-01T00:00:00.000Z', 'done');
    clock.set('2024-12-01T00:00:00.000Z');
    const stillOpen = store.intents.open({ eventId: 'open', zoomHost: 'h' });
    expect(store.intents.prune(new Date('2025-02-01T00:00:00Z'))).toBe(2);
    expect(store.intents.get(recent.marker)?.state).toBe('done');
    expect(store.intents.get(stillOpen.marker)?.state).toBe('open');
  });
});

describe('findIntentMarker', () => {
  it('finds a marker anywhere in a text, and nothing in a text without one', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid({ version: 4 }), fc.string(), (before, uuid, after) => {
        const marker = `zoomlink:${uuid}`;
        const found = findIntentMarker(`${before} ${marker} ${after}`);
        // A marker inside `before` would be found first; fast-check almost never makes one.
        if (!findIntentMarker(before)) expect(found).toBe(marker);
      }),
    );
    expect(findIntentMarker('Weekly sync, zoomlink:not-a-uuid')).toBeUndefined();
    expect(findIntentMarker(undefined)).toBeUndefined();
  });
});
