import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { ZoomRecurrence } from '../../../src/domain/zoom-meeting.js';
import {
  expandZoomSeries,
  ZOOM_READINGS,
  type ConvertOptions,
} from '../../../src/recurrence/index.js';
import { checkConversion } from './conversion-case.js';
import { timedEvent } from './event-fixture.js';

/**
 * Occurrence sets that a Zoom series with deletions can carry, spelled the ways Google can hold
 * them: the converter must find a series that holds them all (never a fallback, never a window),
 * with no more extra occurrences than the pattern they were built from.
 */

const ZONES = [
  'UTC',
  'Asia/Taipei',
  'America/New_York',
  'Europe/London',
  'Australia/Sydney',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'America/St_Johns',
] as const;
const CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

const arbPattern: fc.Arbitrary<ZoomRecurrence> = fc.oneof(
  fc.integer({ min: 1, max: 90 }).map((n): ZoomRecurrence => ({ type: 1, repeat_interval: n })),
  fc
    .record({
      n: fc.integer({ min: 1, max: 12 }),
      days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
    })
    .map(({ n, days }): ZoomRecurrence => ({
      type: 2,
      repeat_interval: n,
      weekly_days: [...days].sort((a, b) => a - b).join(','),
    })),
  fc
    .record({
      n: fc.integer({ min: 1, max: 3 }),
      form: fc.oneof(
        fc.integer({ min: 1, max: 28 }).map((d) => ({ monthly_day: d })),
        fc.record({
          monthly_week: fc.constantFrom(-1, 1, 2, 3, 4) as fc.Arbitrary<-1 | 1 | 2 | 3 | 4>,
          monthly_week_day: fc.integer({ min: 1, max: 7 }) as fc.Arbitrary<
            1 | 2 | 3 | 4 | 5 | 6 | 7
          >,
        }),
      ),
    })
    .map(({ n, form }): ZoomRecurrence => ({ type: 3, repeat_interval: n, ...form })),
);

const arbCase = fc.record({
  zone: fc.constantFrom(...ZONES),
  pattern: arbPattern,
  day: fc.integer({ min: 0, max: 700 }),
  // Clock times no DST change in these zones skips or repeats.
  hour: fc.integer({ min: 8, max: 19 }),
  minute: fc.constantFrom(0, 30),
  length: fc.integer({ min: 2, max: 50 }),
  deleted: fc.uniqueArray(fc.integer({ min: 1, max: 49 }), { maxLength: 40 }),
  spelling: fc.constantFrom('rdate', 'daily-minus-exdates', 'rule-minus-exdates'),
});

const options: ConvertOptions = {
  cap: 50,
  fallback: 'no_fixed_time',
  perOccurrenceHorizonDays: 30,
};
const basic = (d: DateTime) => d.toFormat("yyyyMMdd'T'HHmmss");

describe('convertEvent: a set a Zoom series carries is always a series', () => {
  it('built from a random Zoom pattern minus random deletions, spelled as RDATE, as a daily RRULE minus EXDATEs or as the pattern’s RRULE minus EXDATEs', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const first = DateTime.fromObject(
          { year: 2025, month: 1, day: 1, hour: c.hour, minute: c.minute },
          { zone: c.zone },
        ).plus({ days: c.day });
        const start = moveOntoPattern(first, c.pattern);
        const request = {
          type: 8 as const,
          topic: 'Generated',
          start_time: start.toFormat("yyyy-MM-dd'T'HH:mm:ss"),
          timezone: c.zone,
          duration: 30,
          recurrence: { ...c.pattern, end_times: c.length },
        };
        // Only sets every reading of Zoom's documents agrees on (a Zoom series then carries them).
        const readings = ZOOM_READINGS.map((reading) =>
          expandZoomSeries(request, { reading }).map((d) => d.getTime()),
        );
        fc.pre(readings.every((r) => r.join() === readings[0]!.join()));
        const zoom = readings[0]!;
        const removed = new Set(c.deleted.filter((i) => i < zoom.length - 1));
        const kept = zoom.filter((_, i) => !removed.has(i));
        const local = (ms: number) => DateTime.fromMillis(ms, { zone: c.zone });

        let lines: string[];
        if (c.spelling === 'rdate') {
          lines = [
            `RDATE;TZID=${c.zone}:${kept
              .slice(1)
              .map((ms) => basic(local(ms)))
              .join(',')}`,
          ];
        } else if (c.spelling === 'rule-minus-exdates') {
          lines = [
            `RRULE:${ruleOf(c.pattern, start)};COUNT=${zoom.length}`,
            ...[...removed].map((i) => `EXDATE:${basic(local(zoom[i]!).toUTC())}Z`),
          ];
        } else {
          const days = Math.round(local(zoom[zoom.length - 1]!).diff(start, 'days').days);
          fc.pre(days < 400);
          const keptDays = new Set(kept.map((ms) => local(ms).toISODate()));
          const gaps: string[] = [];
          for (let d = 1; d < days; d += 1) {
            const day = start.plus({ days: d });
            if (!keptDays.has(day.toISODate())) gaps.push(basic(day));
          }
          lines = [
            `RRULE:FREQ=DAILY;COUNT=${days + 1}`,
            ...(gaps.length > 0 ? [`EXDATE;TZID=${c.zone}:${gaps.join(',')}`] : []),
          ];
        }
        const event = timedEvent(
          start.toFormat("yyyy-MM-dd'T'HH:mm"),
          30,
          c.zone,
          lines,
          'Generated',
        );
        const result = checkConversion(event, start.minus({ days: 1 }).toJSDate(), options);
        expect(result.strategy, JSON.stringify({ c, lines })).toBe('series');
        if (result.strategy !== 'series') return;
        expect(result.occurrences.map((o) => Date.parse(o))).toEqual(kept);
        expect(result.window.complete).toBe(true);
        expect(result.deleteOccurrences.length).toBeLessThanOrEqual(removed.size);
      }),
      { numRuns: 150 },
    );
  });
});

/** The first day on or after `day` that the pattern makes (a Zoom series starts on one). */
function moveOntoPattern(day: DateTime, pattern: ZoomRecurrence): DateTime {
  for (let d = day; ; d = d.plus({ days: 1 })) {
    const weekday = d.weekday % 7; // 0 = Sunday
    if (pattern.type === 1) return d;
    if (pattern.type === 2) {
      if (
        (pattern.weekly_days ?? '')
          .split(',')
          .map(Number)
          .includes(weekday + 1)
      )
        return d;
      continue;
    }
    if (pattern.monthly_day !== undefined) {
      if (d.day === pattern.monthly_day) return d;
      continue;
    }
    if (weekday + 1 !== pattern.monthly_week_day) continue;
    const nth = Math.ceil(d.day / 7);
    const last = d.day + 7 > (d.daysInMonth ?? 28);
    if (pattern.monthly_week === -1 ? last : nth === pattern.monthly_week) return d;
  }
}

/** The pattern as an RRULE from `start` (weeks from Sunday, as Zoom numbers its days). */
function ruleOf(pattern: ZoomRecurrence, start: DateTime): string {
  const n = pattern.repeat_interval;
  if (pattern.type === 1) return `FREQ=DAILY;INTERVAL=${n}`;
  if (pattern.type === 2) {
    const days = (pattern.weekly_days ?? '').split(',').map((d) => CODES[Number(d) - 1]);
    return `FREQ=WEEKLY;INTERVAL=${n};WKST=SU;BYDAY=${days.join(',')}`;
  }
  if (pattern.monthly_day !== undefined)
    return `FREQ=MONTHLY;INTERVAL=${n};BYMONTHDAY=${start.day}`;
  return `FREQ=MONTHLY;INTERVAL=${n};BYDAY=${pattern.monthly_week}${CODES[(pattern.monthly_week_day ?? 1) - 1]}`;
}
