import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { LIMIT_HORIZON_MS } from '../../../src/recurrence/expand-google.js';
import { expandGoogleSeries } from '../../../src/recurrence/index.js';
import { ZONES } from './arbitraries.js';

/**
 * An independent, deliberately naive expansion to hold expandGoogleSeries (rrule on floating time)
 * to: walk the calendar day by day from DTSTART and test each day against the rule as RFC 5545
 * words it, DTSTART always first and counted only when the rule makes it (Google's behaviour),
 * then place each day's clock time in the zone with luxon.
 */
interface NaiveRule {
  freq: 'DAILY' | 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** JavaScript weekdays, 0 = Sunday. */
  byDay?: number[];
  nth?: { n: number; weekday: number };
  monthDay?: number;
  count?: number;
  /** Inclusive last local date, `days` after DTSTART's date. */
  untilDays?: number;
  wkst: number;
}

const JS_CODES = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

function ruleLine(rule: NaiveRule, start: DateTime): string {
  let line = `RRULE:FREQ=${rule.freq};INTERVAL=${rule.interval};WKST=${JS_CODES[rule.wkst]}`;
  if (rule.byDay) line += `;BYDAY=${rule.byDay.map((d) => JS_CODES[d]).join(',')}`;
  if (rule.nth) line += `;BYDAY=${rule.nth.n}${JS_CODES[rule.nth.weekday]}`;
  if (rule.monthDay !== undefined) line += `;BYMONTHDAY=${rule.monthDay}`;
  if (rule.count !== undefined) line += `;COUNT=${rule.count}`;
  if (rule.untilDays !== undefined)
    line += `;UNTIL=${start.plus({ days: rule.untilDays }).toFormat('yyyyMMdd')}`;
  return line;
}

/** The local dates of the series (DTSTART's date first), walking day numbers since 1970. */
function naiveDays(rule: NaiveRule, start: DateTime, limit: number): string[] {
  const DAY = 86_400_000;
  const first = Math.floor(Date.UTC(start.year, start.month - 1, start.day) / DAY);
  const weekdayOf = (n: number): number => new Date(n * DAY).getUTCDay();
  const weekStart = first - ((weekdayOf(first) - rule.wkst + 7) % 7);
  const firstDate = new Date(first * DAY);
  const matches = (n: number): boolean => {
    const date = new Date(n * DAY);
    if (rule.freq === 'DAILY')
      return (
        (n - first) % rule.interval === 0 && (!rule.byDay || rule.byDay.includes(weekdayOf(n)))
      );
    if (rule.freq === 'WEEKLY') {
      return (
        Math.floor((n - weekStart) / 7) % rule.interval === 0 &&
        (rule.byDay ?? [weekdayOf(first)]).includes(weekdayOf(n))
      );
    }
    const months =
      (date.getUTCFullYear() - firstDate.getUTCFullYear()) * 12 +
      date.getUTCMonth() -
      firstDate.getUTCMonth();
    if (months % rule.interval !== 0) return false;
    const day = date.getUTCDate();
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    if (rule.monthDay !== undefined)
      return day === (rule.monthDay > 0 ? rule.monthDay : last + rule.monthDay + 1);
    if (rule.nth) {
      if (weekdayOf(n) !== rule.nth.weekday) return false;
      return rule.nth.n > 0
        ? Math.ceil(day / 7) === rule.nth.n
        : Math.ceil((last - day + 1) / 7) === -rule.nth.n;
    }
    return day === firstDate.getUTCDate();
  };
  const days = [first];
  let made = 0;
  for (let n = first; days.length < limit && n - first < 20_000; n += 1) {
    if (rule.untilDays !== undefined && n > first + rule.untilDays) break;
    if (!matches(n)) continue;
    made += 1;
    if (rule.count !== undefined && made > rule.count) break;
    if (n !== first) days.push(n);
  }
  return days.map((n) => new Date(n * DAY).toISOString().slice(0, 10));
}

const arbNaiveRule: fc.Arbitrary<NaiveRule> = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY'),
    interval: fc.integer({ min: 1, max: 5 }),
    byDay: fc.option(
      fc.uniqueArray(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 3 }),
      { nil: undefined },
    ),
    nth: fc.option(
      fc.record({
        n: fc.constantFrom(-2, -1, 1, 2, 3, 4),
        weekday: fc.integer({ min: 0, max: 6 }),
      }),
      { nil: undefined },
    ),
    monthDay: fc.option(fc.constantFrom(1, 5, 15, 28, 29, 30, 31, -1, -3), { nil: undefined }),
    end: fc.oneof(
      fc.integer({ min: 1, max: 40 }).map((count) => ({ count })),
      fc.integer({ min: 0, max: 400 }).map((untilDays) => ({ untilDays })),
    ),
    wkst: fc.integer({ min: 0, max: 6 }),
  })
  .map(({ freq, interval, byDay, nth, monthDay, end, wkst }) => {
    const rule: NaiveRule = { freq, interval, wkst, ...end };
    if (freq === 'MONTHLY') {
      if (nth) rule.nth = nth;
      else if (monthDay !== undefined) rule.monthDay = monthDay;
    } else if (byDay) rule.byDay = byDay;
    return rule;
  });

describe('expandGoogleSeries agrees with a naive day-by-day expansion', () => {
  it('for daily, weekly and monthly rules with COUNT or UNTIL, in zones with and without DST', () => {
    fc.assert(
      fc.property(
        arbNaiveRule,
        fc.constantFrom(...ZONES),
        fc.record({
          y: fc.integer({ min: 2023, max: 2026 }),
          m: fc.integer({ min: 1, max: 12 }),
          d: fc.integer({ min: 1, max: 28 }),
        }),
        fc.integer({ min: 0, max: 23 }),
        fc.constantFrom(0, 30),
        (rule, zone, date, hour, minute) => {
          const start = DateTime.fromObject(
            { year: date.y, month: date.m, day: date.d, hour, minute },
            { zone },
          );
          const event = {
            start: { dateTime: start.toISO()!, timeZone: zone },
            end: { dateTime: start.plus({ minutes: 30 }).toISO()!, timeZone: zone },
            recurrence: [ruleLine(rule, start)],
          };
          const ours = expandGoogleSeries(event, { limit: 60 });
          const naive = naiveDays(rule, start, 60);
          // With only a limit, a rule is followed 20 years (LIMIT_HORIZON_MS) and at most a
          // period or so further: every day found is the naive one, and none within 20 years is
          // missing.
          const days = ours.map((o) => o.localStart.slice(0, 10));
          expect(days).toEqual(naive.slice(0, days.length));
          const horizon = start.plus({ milliseconds: LIMIT_HORIZON_MS }).toISODate()!;
          expect(days.length).toBeGreaterThanOrEqual(naive.filter((d) => d < horizon).length);
          ours.forEach((o, i) => {
            if (o.wallClock !== 'exact') return; // placed by RFC 5545, which luxon need not follow
            const expected = DateTime.fromISO(`${naive[i]}T${start.toFormat('HH:mm')}`, { zone });
            expect(o.start.getTime()).toBe(expected.toMillis());
          });
        },
      ),
      { numRuns: 150 },
    );
  });
});
