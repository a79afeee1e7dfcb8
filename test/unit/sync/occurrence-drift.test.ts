import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CalendarEvent } from '../../../src/domain/calendar-event.js';
import type { ZoomOccurrence } from '../../../src/domain/zoom-meeting.js';
import { noDrift, occurrenceDrift } from '../../../src/sync/plan/occurrence-drift.js';
import { NOW as TEST_NOW } from '../../support/time.js';

const NOW = new Date(TEST_NOW);
const hour = 3_600_000;
const week = 7 * 24 * hour;
const iso = (ms: number) => new Date(ms).toISOString();
const base = Date.parse('2030-03-05T08:00:00Z');

function instance(
  original: number,
  state: 'rule' | 'cancelled' | { start: number; minutes: number },
): CalendarEvent {
  const originalStartTime = { dateTime: iso(original) };
  if (state === 'cancelled')
    return {
      kind: 'cancelledInstance',
      calendarId: 'room',
      eventId: `s_${original}`,
      recurringEventId: 's',
      originalStartTime,
    };
  const start = state === 'rule' ? original : state.start;
  const minutes = state === 'rule' ? 60 : state.minutes;
  return {
    kind: 'exception',
    calendarId: 'room',
    eventId: `s_${original}`,
    recurringEventId: 's',
    originalStartTime,
    start: { dateTime: iso(start) },
    end: { dateTime: iso(start + minutes * 60_000) },
  } as CalendarEvent;
}

const occurrence = (
  original: number,
  start = original,
  duration = 60,
  status = 'available',
): ZoomOccurrence => ({
  occurrence_id: String(original),
  start_time: iso(start).replace('.000', ''),
  duration,
  status,
});

describe('occurrenceDrift', () => {
  const covered = [0, 1, 2, 3].map((i) => iso(base + i * week));

  it('finds nothing when Zoom shows Google’s instances', () => {
    const originals = [0, 1, 2, 3].map((i) => base + i * week);
    const instances = [
      instance(originals[0]!, 'rule'),
      instance(originals[1]!, { start: originals[1]! + 2 * hour, minutes: 30 }),
      instance(originals[2]!, 'cancelled'),
      instance(originals[3]!, 'rule'),
    ];
    const zoom = [
      occurrence(originals[0]!),
      occurrence(originals[1]!, originals[1]! + 2 * hour, 30),
      occurrence(originals[2]!, originals[2]!, 60, 'deleted'),
      occurrence(originals[3]!),
    ];
    expect(noDrift(occurrenceDrift(covered, instances, zoom, NOW))).toBe(true);
  });

  it('names extra, moved and missing occurrences; an extra of the pattern is extra too', () => {
    const originals = [0, 1, 2, 3].map((i) => base + i * week);
    const stray = base + 3 * 24 * hour;
    const drift = occurrenceDrift(
      covered,
      [
        instance(originals[0]!, 'cancelled'),
        instance(originals[1]!, { start: originals[1]! + 2 * hour, minutes: 30 }),
        instance(originals[2]!, 'rule'),
        instance(originals[3]!, 'rule'),
      ],
      [
        occurrence(originals[0]!),
        occurrence(originals[1]!),
        occurrence(originals[2]!, originals[2]!, 60, 'deleted'),
        occurrence(originals[3]!),
        occurrence(stray),
      ],
      NOW,
    );
    expect(drift).toEqual({
      extra: [iso(originals[0]!), iso(stray)],
      moved: [
        {
          originalStart: iso(originals[1]!),
          google: { start: iso(originals[1]! + 2 * hour), durationMinutes: 30 },
          zoom: { start: iso(originals[1]!), durationMinutes: 60 },
        },
      ],
      missing: [iso(originals[2]!)],
    });
  });

  it('does not judge what is over, nor an occurrence Google did not return', () => {
    const past = Date.parse('2030-03-03T08:00:00Z');
    const drift = occurrenceDrift(
      [iso(past), iso(base)],
      [instance(past, { start: past + hour, minutes: 60 })],
      [occurrence(past), occurrence(base, base + hour)],
      NOW,
    );
    expect(noDrift(drift)).toBe(true);
  });

  it('property: Zoom made equal to Google leaves no drift, and any one change to Zoom is found', () => {
    const state = fc.oneof(
      fc.constant<'rule'>('rule'),
      fc.constant<'cancelled'>('cancelled'),
      fc.record({
        shiftHours: fc.integer({ min: -3, max: 3 }),
        minutes: fc.integer({ min: 15, max: 120 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(state, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 1, max: 3 }),
        (states, pick, how) => {
          const originals = states.map((_, i) => base + i * week);
          const instances = states.map((s, i) =>
            instance(
              originals[i]!,
              typeof s === 'string'
                ? s
                : { start: originals[i]! + s.shiftHours * hour, minutes: s.minutes },
            ),
          );
          const zoom = states.map((s, i) =>
            s === 'cancelled'
              ? occurrence(originals[i]!, originals[i]!, 60, 'deleted')
              : s === 'rule'
                ? occurrence(originals[i]!)
                : occurrence(originals[i]!, originals[i]! + s.shiftHours * hour, s.minutes),
          );
          const coveredStarts = originals.map(iso);
          expect(noDrift(occurrenceDrift(coveredStarts, instances, zoom, NOW))).toBe(true);
          // One change behind our back: deleted, revived, or moved by a minute.
          const i = pick % zoom.length;
          const o = zoom[i]!;
          const changed =
            how === 1
              ? { ...o, status: o.status === 'deleted' ? 'available' : 'deleted' }
              : {
                  ...o,
                  status: 'available',
                  start_time: iso(Date.parse(o.start_time) + 60_000).replace('.000', ''),
                };
          if (how !== 1 && o.status === 'deleted') return; // a moved deleted one is covered above
          const drifted = zoom.map((z, j) => (j === i ? changed : z));
          expect(noDrift(occurrenceDrift(coveredStarts, instances, drifted, NOW))).toBe(false);
        },
      ),
    );
  });
});
