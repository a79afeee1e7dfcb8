import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  expandZoomRecurrence,
  type ExpansionRules,
  type ZoomRecurrenceRule,
} from '../../../../src/emulators/zoom/expand-occurrences.js';

const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Sydney', 'Asia/Taipei'];

const rules = fc.record<ExpansionRules>({
  firstOccurrence: fc.constantFrom('first-match-on-or-after-start', 'start-always'),
  weekStart: fc.constantFrom('sunday', 'monday'),
  monthlyDayBeyondMonthEnd: fc.constantFrom('last-day', 'skip'),
  endDateTime: fc.constantFrom('instant', 'end-of-day-in-timezone'),
  cap: fc.constant(50),
});

const rule: fc.Arbitrary<ZoomRecurrenceRule> = fc.oneof(
  fc.record({ type: fc.constant(1 as const), repeatInterval: fc.integer({ min: 1, max: 90 }) }),
  fc.record({
    type: fc.constant(2 as const),
    repeatInterval: fc.integer({ min: 1, max: 12 }),
    weeklyDays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
  }),
  fc.record({
    type: fc.constant(3 as const),
    repeatInterval: fc.integer({ min: 1, max: 3 }),
    monthlyDay: fc.integer({ min: 1, max: 31 }),
  }),
  fc.record({
    type: fc.constant(3 as const),
    repeatInterval: fc.integer({ min: 1, max: 3 }),
    monthlyWeek: fc.constantFrom(-1 as const, 1 as const, 2 as const, 3 as const, 4 as const),
    monthlyWeekDay: fc.integer({ min: 1, max: 7 }),
  }),
);

const start = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.integer({ min: 0, max: 730 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map(({ zone, day, minute }) =>
    DateTime.fromObject({ year: 2024, month: 1, day: 1 }, { zone }).plus({
      days: day,
      minutes: minute,
    }),
  );

/** Occurrence starts as luxon times in the start's zone. */
const local = (at: DateTime, starts: number[]) =>
  starts.map((ms) => DateTime.fromMillis(ms, { zone: at.zone }));

/** Zoom weekday (1 = Sunday) of a date. */
const zoomWeekday = (date: DateTime) => (date.weekday % 7) + 1;

describe("expandZoomRecurrence (the emulator's own expander)", () => {
  it("yields end_times occurrences, rising, at the start's wall-clock time, never before it", () => {
    fc.assert(
      fc.property(start, rule, rules, fc.integer({ min: 1, max: 50 }), (at, r, opts, count) => {
        const starts = local(
          at,
          expandZoomRecurrence(at.toMillis(), at.zone, { ...r, endTimes: count }, opts).starts,
        );
        expect(starts).toHaveLength(count);
        for (let i = 0; i < starts.length; i += 1) {
          const occurrence = starts[i]!;
          if (i > 0) expect(occurrence.toMillis()).toBeGreaterThan(starts[i - 1]!.toMillis());
          expect(occurrence.toMillis()).toBeGreaterThanOrEqual(at.toMillis());
          // Wall-clock time kept, except when DST skips that hour on that day.
          const gap = occurrence.offset !== occurrence.minus({ hours: 3 }).offset;
          if (!gap) expect([occurrence.hour, occurrence.minute]).toEqual([at.hour, at.minute]);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('puts weekly and nth-weekday occurrences only on their weekdays (after the first)', () => {
    fc.assert(
      fc.property(start, rule, rules, (at, r, opts) => {
        const starts = local(
          at,
          expandZoomRecurrence(at.toMillis(), at.zone, { ...r, endTimes: 20 }, opts).starts,
        );
        const rest = opts.firstOccurrence === 'start-always' ? starts.slice(1) : starts;
        for (const occurrence of rest) {
          if (r.type === 2) expect(r.weeklyDays).toContain(zoomWeekday(occurrence));
          if (r.type === 3 && r.monthlyWeek !== undefined) {
            expect(zoomWeekday(occurrence)).toBe(r.monthlyWeekDay);
            if (r.monthlyWeek === -1)
              expect(occurrence.plus({ weeks: 1 }).month).not.toBe(occurrence.month);
            else expect(Math.ceil(occurrence.day / 7)).toBe(r.monthlyWeek);
          }
          if (r.type === 3 && r.monthlyDay !== undefined)
            expect(occurrence.day).toBe(Math.min(r.monthlyDay, occurrence.daysInMonth!));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('never passes end_date_time, and reports more than 50 as over the cap', () => {
    fc.assert(
      fc.property(start, rule, fc.integer({ min: 0, max: 2000 }), (at, r, days) => {
        const end = at.plus({ days }).toMillis();
        const opts: ExpansionRules = {
          firstOccurrence: 'first-match-on-or-after-start',
          weekStart: 'sunday',
          monthlyDayBeyondMonthEnd: 'skip',
          endDateTime: 'instant',
          cap: 50,
        };
        const expansion = expandZoomRecurrence(
          at.toMillis(),
          at.zone,
          { ...r, endDateTime: end },
          opts,
        );
        expect(expansion.starts.length).toBeLessThanOrEqual(50);
        for (const occurrence of expansion.starts) expect(occurrence).toBeLessThanOrEqual(end);
        if (expansion.kind === 'ok' && expansion.starts.length < 50) {
          const more = expandZoomRecurrence(
            at.toMillis(),
            at.zone,
            { ...r, endTimes: expansion.starts.length + 1 },
            opts,
          );
          expect(more.starts[expansion.starts.length]!).toBeGreaterThan(end);
        }
      }),
      { numRuns: 60 },
    );
  });
});
