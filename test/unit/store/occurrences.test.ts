import { describe, expect, it } from 'vitest';
import { cancelledMonday } from './sample-events.js';
import { seedRooms, useTempStores } from './temp-store.js';

describe('store.occurrenceMeetings (per_occurrence fallback)', () => {
  const temp = useTempStores();
  const fresh = () => {
    const opened = temp.fresh();
    seedRooms(opened.store, 'room-a');
    opened.store.links.upsert({
      eventId: 'e1',
      icalUid: 'u1',
      strategy: 'per_occurrence',
      state: 'linked',
      reason: 'BYSETPOS is not expressible in Zoom',
      rooms: ['room-a'],
    });
    return opened;
  };
  const meeting = (occurrenceStart: string, zoomMeetingId: number) => ({
    eventId: 'e1',
    occurrenceStart,
    zoomMeetingId,
    joinUrl: `https://zoom.example/j/${zoomMeetingId}`,
    durationMinutes: 45,
  });

  it('puts one meeting per occurrence start and reads it back', () => {
    const { store } = fresh();
    const put = store.occurrenceMeetings.put({
      ...meeting('2025-03-10T10:00:00+01:00', 111),
      passcode: '9876',
      zoomHash: 'z',
      writebackHash: 'w',
    });
    expect(put).toEqual({
      eventId: 'e1',
      occurrenceStart: '2025-03-10T09:00:00.000Z',
      zoomMeetingId: 111,
      joinUrl: 'https://zoom.example/j/111',
      passcode: '9876',
      durationMinutes: 45,
      zoomHash: 'z',
      writebackHash: 'w',
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    // The same instant, written another way, is the same key.
    expect(store.occurrenceMeetings.get('e1', new Date('2025-03-10T09:00:00Z'))).toEqual(put);
    expect(store.occurrenceMeetings.getByMeetingId(111)).toEqual(put);
    expect(store.occurrenceMeetings.get('e1', '2025-03-11T09:00:00Z')).toBeUndefined();
  });

  it('replaces the meeting of an occurrence, keeping createdAt', () => {
    const { store, clock } = fresh();
    store.occurrenceMeetings.put(meeting('2025-03-10T09:00:00Z', 111));
    clock.set('2025-03-05T09:00:00.000Z');
    const replaced = store.occurrenceMeetings.put(meeting('2025-03-10T09:00:00Z', 222));
    expect(replaced).toMatchObject({
      zoomMeetingId: 222,
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-05T09:00:00.000Z',
    });
    expect(store.occurrenceMeetings.listForLink('e1')).toHaveLength(1);
  });

  it('lists a link’s meetings in time order, and those starting before a time', () => {
    const { store } = fresh();
    store.occurrenceMeetings.put(meeting('2025-03-24T09:00:00Z', 3));
    store.occurrenceMeetings.put(meeting('2025-03-10T09:00:00Z', 1));
    store.occurrenceMeetings.put(meeting('2025-03-17T09:00:00Z', 2));
    const starts = (list: Array<{ zoomMeetingId: number }>) => list.map((m) => m.zoomMeetingId);
    expect(starts(store.occurrenceMeetings.listForLink('e1'))).toEqual([1, 2, 3]);
    expect(
      starts(store.occurrenceMeetings.listStartingBefore('e1', new Date('2025-03-17T09:00:00Z'))),
    ).toEqual([1]);
    expect(store.occurrenceMeetings.remove('e1', '2025-03-10T09:00:00Z')).toBe(true);
    expect(store.occurrenceMeetings.remove('e1', '2025-03-10T09:00:00Z')).toBe(false);
    expect(starts(store.occurrenceMeetings.listForLink('e1'))).toEqual([2, 3]);
  });

  it('needs the link to exist', () => {
    const { store } = fresh();
    expect(() =>
      store.occurrenceMeetings.put({ ...meeting('2025-03-10T09:00:00Z', 1), eventId: 'ghost' }),
    ).toThrow(expect.objectContaining({ code: 'STORE_CONSTRAINT' }));
  });
});

describe('store.overrides (moved and deleted instances)', () => {
  const temp = useTempStores();
  const fresh = () => {
    const opened = temp.fresh();
    opened.store.links.upsert({
      eventId: 'e1',
      icalUid: 'u1',
      strategy: 'series',
      state: 'linked',
    });
    return opened;
  };

  it('records a deleted and a moved instance with the Zoom occurrence they touched', () => {
    const { store } = fresh();
    const deleted = store.overrides.put({
      eventId: 'e1',
      originalStart: '2025-03-10T09:00:00Z',
      zoomOccurrenceId: '1741597200000',
      kind: 'deleted',
      appliedHash: 'h1',
    });
    const moved = store.overrides.put({
      eventId: 'e1',
      originalStart: '2025-03-17T09:00:00Z',
      zoomOccurrenceId: '1742202000000',
      kind: 'moved',
      newStart: '2025-03-17T14:00:00+01:00',
      newDurationMinutes: 90,
      appliedHash: 'h2',
    });
    expect(deleted).toEqual({
      eventId: 'e1',
      originalStart: '2025-03-10T09:00:00.000Z',
      zoomOccurrenceId: '1741597200000',
      kind: 'deleted',
      newStart: null,
      newDurationMinutes: null,
      eventSnapshot: null,
      appliedHash: 'h1',
      writebackHash: null,
      createdAt: '2025-03-03T09:00:00.000Z',
      updatedAt: '2025-03-03T09:00:00.000Z',
    });
    expect(moved).toMatchObject({ newStart: '2025-03-17T13:00:00.000Z', newDurationMinutes: 90 });
    expect(store.overrides.listForLink('e1')).toEqual([deleted, moved]);
    expect(store.overrides.get('e1', new Date('2025-03-17T09:00:00Z'))).toEqual(moved);
  });

  it('keeps the instance as last read, to apply it again from the store', () => {
    const { store, path, clock } = fresh();
    store.overrides.put({
      eventId: 'e1',
      originalStart: '2025-03-17T09:00:00Z',
      kind: 'deleted',
      eventSnapshot: cancelledMonday,
    });
    store.close();
    const again = temp.open({ path, now: clock.now });
    expect(again.overrides.get('e1', '2025-03-17T09:00:00Z')).toMatchObject({
      eventSnapshot: cancelledMonday,
      appliedHash: null,
      writebackHash: null,
    });
  });

  it('keeps the hash of the block written into a modified instance until it is written again', () => {
    const { store } = fresh();
    const key = { eventId: 'e1', originalStart: '2025-03-17T09:00:00Z' };
    store.overrides.put({
      ...key,
      kind: 'moved',
      newStart: '2025-03-17T13:00:00Z',
      writebackHash: 'w1',
    });
    store.overrides.markAllUnapplied('e1');
    expect(store.overrides.get('e1', key.originalStart)?.writebackHash).toBe('w1');
    store.overrides.put({ ...store.overrides.get('e1', key.originalStart)!, writebackHash: null });
    expect(store.overrides.get('e1', key.originalStart)?.writebackHash).toBeNull();
  });

  it('marks every override of a link unapplied after its meeting changed', () => {
    const { store, clock } = fresh();
    for (const [day, applied] of [
      ['10', 'h10'],
      ['17', null],
      ['24', 'h24'],
    ] as const) {
      store.overrides.put({
        eventId: 'e1',
        originalStart: `2025-03-${day}T09:00:00Z`,
        kind: 'deleted',
        appliedHash: applied,
      });
    }
    clock.set('2025-03-04T09:00:00.000Z');
    expect(store.overrides.markAllUnapplied('e1')).toBe(2);
    expect(store.overrides.listForLink('e1').map((o) => o.appliedHash)).toEqual([null, null, null]);
    expect(store.overrides.get('e1', '2025-03-10T09:00:00Z')?.updatedAt).toBe(
      '2025-03-04T09:00:00.000Z',
    );
    expect(store.overrides.markAllUnapplied('e1')).toBe(0);
  });

  it('turns a moved instance into a deleted one in place', () => {
    const { store } = fresh();
    const key = { eventId: 'e1', originalStart: '2025-03-17T09:00:00Z' };
    store.overrides.put({
      ...key,
      kind: 'moved',
      newStart: '2025-03-17T10:00:00Z',
      appliedHash: 'a',
    });
    store.overrides.put({ ...key, kind: 'deleted', appliedHash: 'b' });
    expect(store.overrides.listForLink('e1')).toEqual([
      expect.objectContaining({ kind: 'deleted', newStart: null, appliedHash: 'b' }),
    ]);
  });

  it('refuses a move without a new start', () => {
    const { store } = fresh();
    expect(() =>
      store.overrides.put({
        eventId: 'e1',
        originalStart: new Date(0),
        kind: 'moved',
        appliedHash: 'x',
      }),
    ).toThrow(expect.objectContaining({ code: 'STORE_CONSTRAINT' }));
  });

  it('removes one override, or all of a link’s when its meeting is replaced', () => {
    const { store } = fresh();
    for (const day of ['10', '17', '24']) {
      store.overrides.put({
        eventId: 'e1',
        originalStart: `2025-03-${day}T09:00:00Z`,
        kind: 'deleted',
        appliedHash: day,
      });
    }
    expect(store.overrides.remove('e1', '2025-03-10T09:00:00Z')).toBe(true);
    expect(store.overrides.remove('e1', '2025-03-10T09:00:00Z')).toBe(false);
    expect(store.overrides.listForLink('e1')).toHaveLength(2);
  });
});
