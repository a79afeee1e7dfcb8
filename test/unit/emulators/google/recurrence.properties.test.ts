import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { expandSeries, parseRecurrence } from '../../../../src/emulators/google/recurrence.js';

const zones = [
  'Europe/Berlin',
  'America/New_York',
  'Australia/Sydney',
  'Asia/Taipei',
  'America/St_Johns',
];
const days = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const series = fc.record({
  zone: fc.constantFrom(...zones),
  // Start times on quarter hours between 06:00 and 21:45, away from DST gaps (02:00–03:00).
  start: fc.date({
    min: new Date('2029-01-01T00:00:00Z'),
    max: new Date('2032-12-31T00:00:00Z'),
    noInvalidDate: true,
  }),
  minutes: fc.integer({ min: 6 * 4, max: 21 * 4 + 3 }).map((q) => q * 15),
  byday: fc.subarray(days, { minLength: 1 }),
  count: fc.integer({ min: 1, max: 40 }),
  interval: fc.integer({ min: 1, max: 3 }),
});

const startOf = (s: { zone: string; start: Date; minutes: number }) =>
  DateTime.fromJSDate(s.start, { zone: s.zone })
    .startOf('day')
    .set({ hour: Math.floor(s.minutes / 60), minute: s.minutes % 60 });

const expand = (local: DateTime, zone: string, lines: string[]) =>
  expandSeries({ allDay: false, local }, parseRecurrence(lines), zone, {
    limit: 1000,
    durationMs: 3600_000,
  });

describe('Google emulator recurrence: properties', () => {
  it('keeps the wall-clock time of DTSTART in its zone for every instance, across DST', () => {
    fc.assert(
      fc.property(series, (s) => {
        const local = startOf(s);
        const occurrences = expand(local, s.zone, [
          `RRULE:FREQ=WEEKLY;INTERVAL=${s.interval};COUNT=${s.count};BYDAY=${s.byday.join(',')}`,
        ]);
        for (const o of occurrences) {
          const wall = o.start!.setZone(s.zone);
          expect([wall.hour, wall.minute]).toEqual([local.hour, local.minute]);
          expect(o.key).toBe(o.start!.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'"));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives COUNT instances, plus DTSTART when the rule does not produce it; sorted, no repeats', () => {
    fc.assert(
      fc.property(series, (s) => {
        const local = startOf(s);
        const occurrences = expand(local, s.zone, [
          `RRULE:FREQ=WEEKLY;COUNT=${s.count};BYDAY=${s.byday.join(',')}`,
        ]);
        const onRule = s.byday.includes(days[local.weekday - 1]!);
        expect(occurrences.length).toBe(s.count + (onRule ? 0 : 1));
        expect(occurrences[0]!.start!.toMillis()).toBe(local.toMillis());
        const ms = occurrences.map((o) => o.start!.toMillis());
        expect(ms).toEqual([...new Set(ms)].sort((a, b) => a - b));
      }),
      { numRuns: 150 },
    );
  });

  it('an EXDATE (in the event zone) removes exactly that instance', () => {
    fc.assert(
      fc.property(series, fc.nat(), (s, pick) => {
        const local = startOf(s);
        const rule = `RRULE:FREQ=DAILY;COUNT=${s.count}`;
        const all = expand(local, s.zone, [rule]);
        const victim = all[pick % all.length]!.start!.setZone(s.zone);
        const exdate = `EXDATE;TZID=${s.zone}:${victim.toFormat("yyyyMMdd'T'HHmmss")}`;
        const left = expand(local, s.zone, [rule, exdate]).map((o) => o.key);
        expect(left).toEqual(
          all
            .map((o) => o.key)
            .filter((k) => k !== victim.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'")),
        );
      }),
      { numRuns: 100 },
    );
  });
});
