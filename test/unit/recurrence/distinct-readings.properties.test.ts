import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ZoomRecurrence } from '../../../src/domain/zoom-meeting.js';
import { distinctReadings, zoomOccurrenceDays } from '../../../src/recurrence/expand-zoom.js';
import { ZOOM_READINGS } from '../../../src/recurrence/zoom-reading.js';
import { floatingOf } from '../../../src/recurrence/zone-time.js';

const arbRecurrence: fc.Arbitrary<ZoomRecurrence> = fc.oneof(
  fc.record({ type: fc.constant(1 as const), repeat_interval: fc.integer({ min: 1, max: 90 }) }),
  fc.record({
    type: fc.constant(2 as const),
    repeat_interval: fc.integer({ min: 1, max: 12 }),
    weekly_days: fc
      .uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })
      .map((days) => days.join(',')),
  }),
  fc.record({
    type: fc.constant(3 as const),
    repeat_interval: fc.integer({ min: 1, max: 3 }),
    monthly_day: fc.oneof(fc.integer({ min: 1, max: 31 }), fc.integer({ min: 28, max: 31 })),
  }),
  fc.record({
    type: fc.constant(3 as const),
    repeat_interval: fc.integer({ min: 1, max: 3 }),
    monthly_week: fc.constantFrom(-1 as const, 1 as const, 2 as const, 3 as const, 4 as const),
    monthly_week_day: fc.constantFrom(
      1 as const,
      2 as const,
      3 as const,
      4 as const,
      5 as const,
      6 as const,
      7 as const,
    ),
  }),
);

/** Any day from 2023 to 2026 (leap and short months included), as a floating midnight. */
const arbDay = fc
  .date({
    min: new Date('2023-01-01T00:00:00Z'),
    max: new Date('2026-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => floatingOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()));

function firstDays(
  recurrence: ZoomRecurrence,
  day: number,
  reading: (typeof ZOOM_READINGS)[number],
) {
  const days: number[] = [];
  for (const d of zoomOccurrenceDays(recurrence, day, reading)) {
    days.push(d);
    if (days.length === 60) break;
  }
  return days;
}

describe('distinctReadings', () => {
  it('stands for every reading: each of ZOOM_READINGS makes exactly the days of one it keeps', () => {
    fc.assert(
      fc.property(arbRecurrence, arbDay, (recurrence, day) => {
        const kept = distinctReadings(recurrence, day).map((r) => firstDays(recurrence, day, r));
        for (const reading of ZOOM_READINGS)
          expect(kept).toContainEqual(firstDays(recurrence, day, reading));
      }),
      { numRuns: 400 },
    );
  });

  it('keeps the readings that differ: both week starts every 2 weeks, both short months on the 31st, both off-rule starts', () => {
    // Sunday and Monday every 2 weeks: the weeks differ by week start.
    expect(
      distinctReadings({ type: 2, repeat_interval: 2, weekly_days: '1,2' }, floatingOf(2024, 1, 1)),
    ).toHaveLength(2);
    expect(
      distinctReadings({ type: 3, repeat_interval: 1, monthly_day: 31 }, floatingOf(2024, 1, 31)),
    ).toHaveLength(2);
    // 2 January 2024 is a Tuesday, off a Monday rule.
    expect(
      distinctReadings({ type: 2, repeat_interval: 1, weekly_days: '2' }, floatingOf(2024, 1, 2)),
    ).toHaveLength(2);
    expect(
      distinctReadings({ type: 2, repeat_interval: 1, weekly_days: '2' }, floatingOf(2024, 1, 1)),
    ).toHaveLength(1);
  });
});
