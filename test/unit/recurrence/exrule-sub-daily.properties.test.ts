import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  expandGoogleSeries,
  RecurrenceNotExpandable,
  WorkBudget,
} from '../../../src/recurrence/index.js';
import { parseRule } from '../../../src/recurrence/parse-rrule.js';
import { visitRule } from '../../../src/recurrence/rrule-adapter.js';
import { timedEvent } from './event-fixture.js';

/**
 * An EXRULE finer than a day is asked only about the candidates themselves, followed from the
 * period before each (issue 10). Held here to the plain reading: the EXRULE expanded whole from
 * DTSTART (rrule, through the adapter that stops a rule matching nothing at its horizon), every
 * candidate it makes removed. The spans are kept short so that the whole expansion stays small.
 */
type SubDaily = 'HOURLY' | 'MINUTELY' | 'SECONDLY';

/** An RRULE whose instances cover at most a few thousand of the EXRULE's periods. */
const SERIES_FOR: Record<SubDaily, string[]> = {
  SECONDLY: ['FREQ=MINUTELY;INTERVAL=1', 'FREQ=MINUTELY;INTERVAL=3', 'FREQ=SECONDLY;INTERVAL=97'],
  MINUTELY: ['FREQ=HOURLY;INTERVAL=1', 'FREQ=HOURLY;INTERVAL=3', 'FREQ=MINUTELY;INTERVAL=97'],
  HOURLY: ['FREQ=DAILY', 'FREQ=WEEKLY;BYDAY=MO,TH', 'FREQ=HOURLY;INTERVAL=29'],
};

/** Each BYxxx part absent half the time, so that plain and dense rules come up often. */
const often = { nil: null, freq: 2 } as const;

const arbCase = fc
  .record({
    freq: fc.constantFrom<SubDaily>('HOURLY', 'MINUTELY', 'SECONDLY'),
    seriesIndex: fc.integer({ min: 0, max: 2 }),
    count: fc.integer({ min: 5, max: 25 }),
    start: fc.record({
      day: fc.integer({ min: 1, max: 28 }),
      month: fc.integer({ min: 1, max: 12 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.constantFrom(0, 15, 30, 59),
      second: fc.constantFrom(0, 30),
    }),
    zone: fc.constantFrom('UTC', 'Europe/Berlin', 'America/New_York'),
    interval: fc.constantFrom(1, 1, 2, 3, 7),
    byDay: fc.option(
      fc.subarray(['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'], { minLength: 1 }),
      often,
    ),
    byMonthDay: fc.option(fc.subarray([1, 2, 3, 10, 15, 28, -1], { minLength: 1 }), often),
    byHour: fc.option(fc.subarray([0, 1, 6, 9, 10, 12, 17, 23], { minLength: 1 }), often),
    byMinute: fc.option(fc.subarray([0, 1, 15, 30, 45, 59], { minLength: 1 }), often),
    bySecond: fc.option(fc.subarray([0, 15, 30], { minLength: 1 }), often),
    bySetPos: fc.option(fc.constantFrom(1, -1, 2), often),
    untilAfter: fc.option(fc.integer({ min: 0, max: 24 })),
  })
  .map((c) => {
    // An INTERVAL with BYHOUR/BYMINUTE/BYSECOND is refused outright; BYSETPOS needs a part to
    // choose from.
    const timeParts = c.byHour !== null || c.byMinute !== null || c.bySecond !== null;
    const anyPart = timeParts || c.byDay !== null || c.byMonthDay !== null;
    return {
      ...c,
      interval: timeParts ? 1 : c.interval,
      bySetPos: anyPart ? c.bySetPos : null,
    };
  });

describe('an EXRULE finer than a day, asked only near the candidates', () => {
  it('removes exactly what the EXRULE expanded whole from DTSTART removes', () => {
    fc.assert(
      fc.property(arbCase, (c) => {
        const pad = (n: number) => String(n).padStart(2, '0');
        const local = `2024-${pad(c.start.month)}-${pad(c.start.day)}T${pad(c.start.hour)}:${pad(c.start.minute)}:${pad(c.start.second)}`;
        const rrule = `RRULE:${SERIES_FOR[c.freq][c.seriesIndex]};COUNT=${c.count}`;
        const plain = timedEvent(local, 1, c.zone, [rrule]);
        const all = expandGoogleSeries(plain, { limit: 100 });
        const lastFloating = all.at(-1)!.floatingMs;
        const startFloating = all[0]!.floatingMs;

        const parts = [`FREQ=${c.freq}`, `INTERVAL=${c.interval}`];
        if (c.byDay) parts.push(`BYDAY=${c.byDay.join(',')}`);
        if (c.byMonthDay) parts.push(`BYMONTHDAY=${c.byMonthDay.join(',')}`);
        if (c.byHour) parts.push(`BYHOUR=${c.byHour.join(',')}`);
        if (c.byMinute) parts.push(`BYMINUTE=${c.byMinute.join(',')}`);
        if (c.bySecond) parts.push(`BYSECOND=${c.bySecond.join(',')}`);
        if (c.bySetPos !== null) parts.push(`BYSETPOS=${c.bySetPos}`);
        let untilFloating = lastFloating;
        if (c.untilAfter !== null) {
          // A floating UNTIL somewhere among the candidates.
          const at = all[Math.min(c.untilAfter, all.length - 1)]!.floatingMs;
          parts.push(`UNTIL=${new Date(at).toISOString().replace(/[-:]/g, '').slice(0, 15)}`);
          untilFloating = Math.min(untilFloating, at);
        }
        const exrule = parts.join(';');

        // The plain reading: the EXRULE expanded whole, from DTSTART, on floating time.
        const excluded = new Set<number>();
        const whole = () =>
          visitRule(
            parseRule(exrule, 'EXRULE'),
            startFloating,
            untilFloating,
            (at) => excluded.add(at) !== undefined,
            new WorkBudget(10_000_000),
          );
        const withExrule = timedEvent(local, 1, c.zone, [rrule, `EXRULE:${exrule}`]);
        const actual = () =>
          expandGoogleSeries(withExrule, { limit: 100 }).map((o) => o.originalStart);
        try {
          whole();
        } catch (error) {
          // A rule rrule could loop on for ever is refused, near the candidates as well.
          expect(error).toBeInstanceOf(RecurrenceNotExpandable);
          expect(actual).toThrow(RecurrenceNotExpandable);
          return;
        }
        const expected = all.filter((o) => !excluded.has(o.floatingMs)).map((o) => o.originalStart);
        expect(actual()).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
