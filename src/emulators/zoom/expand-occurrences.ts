import { DateTime } from 'luxon';

/**
 * Zoom's recurrence expansion, written from Zoom's documents (REC, SPEC `recurrence`, SUP) and
 * nothing else (DESIGN decision 8): every occurrence keeps the wall-clock time of the series start
 * in the meeting's time zone, so it stays at 09:00 across DST changes (facts §4.2). Choices the
 * documents leave open come in as `ExpansionRules` (the emulator's switches).
 */

export interface ZoomRecurrenceRule {
  /** 1 daily, 2 weekly, 3 monthly. */
  type: 1 | 2 | 3;
  repeatInterval: number;
  /** Weekly: Zoom weekdays, 1 = Sunday … 7 = Saturday. */
  weeklyDays?: number[];
  monthlyDay?: number;
  monthlyWeek?: -1 | 1 | 2 | 3 | 4;
  monthlyWeekDay?: number;
  /** How many occurrences; 0 = no end (SPEC24). */
  endTimes?: number;
  /** Epoch ms. */
  endDateTime?: number;
}

export interface ExpansionRules {
  firstOccurrence: 'first-match-on-or-after-start' | 'start-always';
  weekStart: 'sunday' | 'monday';
  monthlyDayBeyondMonthEnd: 'last-day' | 'skip';
  endDateTime: 'instant' | 'end-of-day-in-timezone';
  /** The most occurrences a series may have (SUP: 50). */
  cap: number;
}

export type Expansion =
  | { kind: 'ok'; starts: DateTime[] }
  /** `end_date_time` allows more than `cap` occurrences; `starts` holds the first `cap`. */
  | { kind: 'over-cap'; starts: DateTime[] };

/** Upper bound on candidate dates looked at, so no rule can loop for ever. */
const MAX_CANDIDATES = 20_000;

export function expandZoomRecurrence(
  start: DateTime,
  rule: ZoomRecurrenceRule,
  rules: ExpansionRules,
): Expansion {
  const startDate = start.startOf('day');
  const wanted = rule.endTimes && rule.endTimes > 0 ? rule.endTimes : rules.cap;
  const bounded = rule.endDateTime !== undefined && !(rule.endTimes && rule.endTimes > 0);
  const starts: DateTime[] = [];

  const atStartTime = (date: DateTime) =>
    DateTime.fromObject(
      {
        year: date.year,
        month: date.month,
        day: date.day,
        hour: start.hour,
        minute: start.minute,
        second: start.second,
      },
      { zone: start.zone },
    );
  const withinEnd = (occurrence: DateTime) => {
    if (!bounded) return true;
    const end = DateTime.fromMillis(rule.endDateTime!, { zone: start.zone });
    return rules.endDateTime === 'instant'
      ? occurrence.toMillis() <= end.toMillis()
      : occurrence.startOf('day') <= end.startOf('day');
  };

  if (rules.firstOccurrence === 'start-always') starts.push(start);
  let looked = 0;
  for (const date of candidateDates(startDate, rule, rules)) {
    if (++looked > MAX_CANDIDATES) break;
    if (date < startDate) continue;
    if (starts.length > 0 && date.hasSame(starts[starts.length - 1]!, 'day')) continue;
    const occurrence = atStartTime(date);
    if (!withinEnd(occurrence)) break;
    if (starts.length >= wanted) {
      if (bounded) return { kind: 'over-cap', starts };
      break;
    }
    starts.push(occurrence);
  }
  if (starts.length > 0 && !withinEnd(starts[0]!)) starts.length = 0;
  return { kind: 'ok', starts: starts.slice(0, wanted) };
}

/** Candidate dates in order, from the period (day, week, month) that holds the start. */
function* candidateDates(
  startDate: DateTime,
  rule: ZoomRecurrenceRule,
  rules: ExpansionRules,
): Generator<DateTime> {
  const interval = Math.max(1, rule.repeatInterval);
  if (rule.type === 1) {
    for (let k = 0; ; k += interval) yield startDate.plus({ days: k });
  }
  if (rule.type === 2) {
    const weekStartLuxon = rules.weekStart === 'sunday' ? 7 : 1;
    const weekStart = startDate.minus({ days: (startDate.weekday - weekStartLuxon + 7) % 7 });
    const offsets = [...new Set(rule.weeklyDays ?? [1])]
      .map((zoomDay) => (toLuxonWeekday(zoomDay) - weekStartLuxon + 7) % 7)
      .sort((a, b) => a - b);
    for (let week = 0; ; week += interval)
      for (const offset of offsets) yield weekStart.plus({ days: week * 7 + offset });
  }
  const firstOfMonth = startDate.startOf('month');
  for (let k = 0; ; k += interval) {
    const month = firstOfMonth.plus({ months: k });
    const date =
      rule.monthlyWeek !== undefined
        ? nthWeekdayOfMonth(month, rule.monthlyWeek, rule.monthlyWeekDay ?? 1)
        : dayOfMonth(month, rule.monthlyDay ?? 1, rules.monthlyDayBeyondMonthEnd);
    if (date) yield date;
  }
}

/** Zoom numbers weekdays 1 = Sunday … 7 = Saturday; luxon 1 = Monday … 7 = Sunday. */
function toLuxonWeekday(zoomDay: number): number {
  return zoomDay === 1 ? 7 : zoomDay - 1;
}

function dayOfMonth(
  month: DateTime,
  day: number,
  beyondEnd: ExpansionRules['monthlyDayBeyondMonthEnd'],
): DateTime | undefined {
  const last = month.daysInMonth ?? 28;
  if (day <= last) return month.set({ day });
  return beyondEnd === 'last-day' ? month.set({ day: last }) : undefined;
}

function nthWeekdayOfMonth(month: DateTime, week: number, zoomDay: number): DateTime {
  const weekday = toLuxonWeekday(zoomDay);
  if (week === -1) {
    const last = month.endOf('month').startOf('day');
    return last.minus({ days: (last.weekday - weekday + 7) % 7 });
  }
  const first = month.plus({ days: (weekday - month.weekday + 7) % 7 });
  return first.plus({ weeks: week - 1 });
}
