import type { ZoomRecurrence, ZoomWeekday } from '../domain/zoom-meeting.js';
import { ZOOM_MAX_INTERVAL } from './expand-zoom.js';
import { DAY_MS, daysInMonth, floatingDay, timeOfDay } from './zone-time.js';

/**
 * The Zoom patterns worth trying for a run of occurrences, read off the occurrences themselves
 * (not off the rule's spelling). Every pattern starts on the first occurrence: its day is one
 * the pattern makes, so no reading of Zoom's off-rule start is involved.
 *
 * Zoom's pattern space is daily every 1–90 days, weekly every 1–12 weeks on any set of weekdays,
 * monthly every 1–3 months on a day or on the 1st–4th or last weekday. For each prefix of the
 * occurrences, the sparsest pattern of each family that holds that prefix is proposed: the
 * largest interval that divides every step (in days, in weeks under either week start, in
 * months) and the fewest weekdays. A pattern holding a longer prefix is among them, so the
 * search (`find-series.ts`) misses no pattern that holds more occurrences with fewer extras.
 */

/** A candidate: the recurrence without its end, and the interval in days, to rank ties. */
export interface SeriesCandidate {
  recurrence: ZoomRecurrence;
  /** Rough period in days (a month is 30), the "shortest interval" of the ranking. */
  periodDays: number;
}

/** Day number (days since 1970-01-01) of a floating time. */
const dayNumber = (floatingMs: number): number => Math.floor(floatingMs / DAY_MS);
/** 0 = Sunday … 6 = Saturday of a day number (1970-01-01 was a Thursday). */
const weekdayOfDay = (day: number): number => (((day + 4) % 7) + 7) % 7;

function gcd(a: number, b: number): number {
  let x = Math.abs(a);
  let y = Math.abs(b);
  while (y !== 0) [x, y] = [y, x % y];
  return x;
}

/** The largest divisor of `n` that is at most `max` (all of 1..max divide 0). */
function largestDivisorAtMost(n: number, max: number): number {
  if (n === 0) return max;
  for (let d = Math.min(n, max); d > 1; d -= 1) if (n % d === 0) return d;
  return 1;
}

/**
 * The candidates for occurrences given as wall-clock times (floating ms), in order. Only the
 * leading run at the first one's clock time is read: a Zoom series has one clock time.
 */
export function seriesCandidates(starts: readonly number[]): SeriesCandidate[] {
  const first = starts[0];
  if (first === undefined) return [];
  const clock = timeOfDay(first);
  const days: number[] = [];
  for (const start of starts) {
    if (timeOfDay(start) !== clock) break;
    days.push(dayNumber(start));
  }
  const found = new Map<string, SeriesCandidate>();
  const add = (candidate: SeriesCandidate) => {
    const key = JSON.stringify(candidate.recurrence);
    if (!found.has(key)) found.set(key, candidate);
  };
  for (const interval of dailyIntervals(days))
    add({ recurrence: { type: 1, repeat_interval: interval }, periodDays: interval });
  for (const { weekdays, interval } of weeklyPatterns(days)) {
    add({
      recurrence: {
        type: 2,
        repeat_interval: interval,
        weekly_days: weekdays.map((d) => d + 1).join(','),
      },
      periodDays: 7 * interval,
    });
  }
  for (const candidate of monthlyPatterns(first)) add(candidate);
  return [...found.values()];
}

/** For each prefix: the largest interval ≤ 90 dividing every step from the first day. */
function dailyIntervals(days: readonly number[]): number[] {
  const intervals = new Set<number>([1]);
  let g = 0;
  for (let k = 1; k < days.length; k += 1) {
    const next = gcd(g, days[k]! - days[0]!);
    if (next === g) continue;
    g = next;
    intervals.add(largestDivisorAtMost(g, ZOOM_MAX_INTERVAL[1]));
  }
  return [...intervals];
}

/**
 * For each prefix: its weekdays, and the largest interval ≤ 12 dividing the week steps under a
 * Sunday and under a Monday week start alike (Zoom documents neither); and the same weekdays
 * every week, which holds the prefix whatever the week start.
 */
function weeklyPatterns(days: readonly number[]): { weekdays: number[]; interval: number }[] {
  const patterns: { weekdays: number[]; interval: number }[] = [];
  const weekdays = new Set<number>();
  const weekOf = (day: number, weekStart: number) =>
    Math.floor((day - ((weekdayOfDay(day) - weekStart + 7) % 7)) / 7);
  let g = 0;
  let last = '';
  for (let k = 0; k < days.length; k += 1) {
    const day = days[k]!;
    weekdays.add(weekdayOfDay(day));
    for (const weekStart of [0, 1])
      g = gcd(g, weekOf(day, weekStart) - weekOf(days[0]!, weekStart));
    const sorted = [...weekdays].sort((a, b) => a - b);
    const interval = largestDivisorAtMost(g, ZOOM_MAX_INTERVAL[2]);
    const key = `${sorted.join(',')}/${interval}`;
    if (key === last) continue;
    last = key;
    patterns.push({ weekdays: sorted, interval });
    if (interval !== 1) patterns.push({ weekdays: sorted, interval: 1 });
  }
  return patterns;
}

/**
 * The monthly patterns that make the first occurrence's day: its day of the month, its nth
 * weekday (1st–4th) and, in the month's last seven days, its last weekday; every 1, 2 or 3
 * months. Their steps are few enough to try them all.
 */
function monthlyPatterns(first: number): SeriesCandidate[] {
  const date = new Date(floatingDay(first));
  const [year, month, day] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const weekday = (date.getUTCDay() + 1) as ZoomWeekday;
  const forms: Omit<ZoomRecurrence, 'type' | 'repeat_interval'>[] = [{ monthly_day: day }];
  const nth = Math.ceil(day / 7);
  if (nth <= 4) forms.push({ monthly_week: nth as 1 | 2 | 3 | 4, monthly_week_day: weekday });
  if (day + 7 > daysInMonth(year, month))
    forms.push({ monthly_week: -1, monthly_week_day: weekday });
  const candidates: SeriesCandidate[] = [];
  for (const form of forms) {
    for (let interval = 1; interval <= ZOOM_MAX_INTERVAL[3]; interval += 1)
      candidates.push({
        recurrence: { type: 3, repeat_interval: interval, ...form },
        periodDays: 30 * interval,
      });
  }
  return candidates;
}
