import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../../src/domain/calendar-event.js';
import { nextStartOf } from '../../../src/sync/plan/queue-priority.js';
import {
  copyKey,
  mergeQueued,
  rowPriority,
  withoutWorked,
} from '../../../src/sync/plan/queued-booking.js';
import { ANNEX, booking, cancelledInstance, deleted, movedInstance, NOW } from './fixtures.js';

/** The work queue's pure parts: what a row holds, and in what order rows are worked. */

const moved = (original: string) =>
  movedInstance(original, '2030-03-12T16:00:00+01:00', '2030-03-12T17:00:00+01:00');

const item = (event: CalendarEvent, priorityAt = '2030-03-05T09:00:00.000Z') => ({
  event,
  priorityAt,
});

describe('a queued booking', () => {
  it('keeps its own event before its instances, each group in the order it came', () => {
    const first = moved('2030-03-12T09:00:00Z');
    const master = booking({ recurrence: ['RRULE:FREQ=WEEKLY;COUNT=4'] });
    const second = cancelledInstance('2030-03-19T09:00:00Z');
    const row = mergeQueued([], [item(first), item(master), item(second)], 1);
    expect(row.map((e) => e.event)).toEqual([master, first, second]);
  });

  it('replaces a queued copy with a newer one in place, and drops an older one', () => {
    const v1 = booking({ summary: 'v1', updated: '2030-03-01T08:00:00.000Z' });
    const v2 = booking({ summary: 'v2', updated: '2030-03-01T09:00:00.000Z' });
    const newer = mergeQueued(mergeQueued([], [item(v1)], 1), [item(v2)], 2);
    expect(newer).toHaveLength(1);
    expect(newer[0]).toMatchObject({ seq: 2, event: { summary: 'v2' } });
    expect(mergeQueued(newer, [item(v1)], 3)[0]).toMatchObject({ seq: 2 });
  });

  it("keeps each room's copy of a booking, and a deletion replaces a live copy", () => {
    const board = booking();
    const annex = booking({ calendarId: ANNEX });
    const row = mergeQueued([], [item(board), item(annex)], 1);
    expect(row.map((e) => e.key)).toEqual([copyKey(board), copyKey(annex)]);
    expect(mergeQueued(row, [item(deleted())], 2).map((e) => e.event.kind)).toEqual([
      'deleted',
      'single',
    ]);
  });

  it('with ifAbsent adds only copies not queued yet (a retry never displaces a newer read)', () => {
    const read = booking({ summary: 'read' });
    const stored = booking({ summary: 'stored', updated: '2030-03-02T09:00:00.000Z' });
    const row = mergeQueued([], [item(read)], 1);
    expect(mergeQueued(row, [item(stored)], 2, { ifAbsent: true })[0]!.event).toBe(read);
  });

  it('leaves what came while a worker was busy, and takes the soonest priority', () => {
    const taken = mergeQueued([], [item(booking(), '2030-03-09T00:00:00.000Z')], 1);
    const v2 = booking({ summary: 'v2', updated: '2030-03-02T00:00:00.000Z' });
    const cancelled = cancelledInstance('2030-03-06T09:00:00Z');
    const grown = mergeQueued(
      taken,
      [item(v2, '2030-03-08T00:00:00.000Z'), item(cancelled, '2030-03-06T09:00:00.000Z')],
      2,
    );
    const left = withoutWorked(grown, taken);
    expect(left.map((e) => e.event)).toEqual([v2, cancelled]);
    expect(rowPriority(left)).toBe('2030-03-06T09:00:00.000Z');
    expect(withoutWorked(grown, grown)).toEqual([]);
  });
});

describe('nextStartOf', () => {
  const none = (): CalendarEvent | undefined => undefined;
  const iso = (event: CalendarEvent, stored = none) =>
    nextStartOf(event, NOW, stored).toISOString();

  it('is a single booking’s start, and a series’ first occurrence not over yet', () => {
    expect(iso(booking())).toBe('2030-03-05T09:00:00.000Z');
    const series = booking({
      start: { dateTime: '2030-02-25T10:00:00+01:00', timeZone: 'Europe/Berlin' },
      end: { dateTime: '2030-02-25T11:00:00+01:00', timeZone: 'Europe/Berlin' },
      recurrence: ['RRULE:FREQ=WEEKLY;COUNT=10'],
    });
    expect(iso(series)).toBe('2030-03-04T09:00:00.000Z');
  });

  it('is an instance’s own start, and a deletion’s as last stored (now when unknown)', () => {
    expect(iso(moved('2030-03-19T09:00:00Z'))).toBe('2030-03-12T15:00:00.000Z');
    expect(iso(cancelledInstance('2030-03-19T09:00:00Z'))).toBe('2030-03-19T09:00:00.000Z');
    expect(iso(deleted(), () => booking())).toBe('2030-03-05T09:00:00.000Z');
    expect(nextStartOf(deleted(), NOW, none)).toEqual(NOW);
  });

  it('counts an event it cannot read as starting now', () => {
    const broken = booking();
    broken.resource = { id: broken.eventId };
    expect(nextStartOf(broken, NOW, none)).toEqual(NOW);
  });
});
