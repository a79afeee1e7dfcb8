import type { Zone } from 'luxon';
import { wallClockOf, wallClockToMillis } from './wall-time.js';
import { offsetMinutes } from './zone-offset.js';

/**
 * Zoom's recurrence expansion, written from Zoom's documents (REC, SPEC `recurrence`, SUP) and
 * nothing else (architecture decision 8): every occurrence keeps the wall-clock time of the series start
 * in the meeting's time zone, so it stays at 09:00 across DST changes (expected; DF-141551 reports
 * a Zoom bug against it). Choices the documents leave open come in as `ExpansionRules` (the
 * emulator's switches).
 *
 * Calendar arithmetic runs on day numbers (days since 1970-01-01, no zone); only each occurrence
 * is placed in the zone. This keeps a 50-occurrence series well under a millisecond, which the
 * benchmarks through the emulator depend on.
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

/** Occurrence starts in epoch ms; `over-cap`: `end_date_time` allows more than `cap` (first `cap` kept). */
export interface Expansion {
  kind: 'ok' | 'over-cap';
  starts: number[];
}

const DAY_MS = 86_400_000;
/** Upper bound on candidate dates looked at, so no rule can loop for ever. */
const MAX_CANDIDATES = 20_000;

export function expandZoomRecurrence(
  startMs: number,
  zone: Zone,
  rule: ZoomRecurrenceRule,
  rules: ExpansionRules,
): Expansion {
  const wall = wallClockOf(startMs, zone).getTime();
  const startDay = Math.floor(wall / DAY_MS);
  const timeOfDayMs = wall - startDay * DAY_MS;
  const wanted = rule.endTimes && rule.endTimes > 0 ? rule.endTimes : rules.cap;
  const bounded = rule.endDateTime !== undefined && !(rule.endTimes && rule.endTimes > 0);
  const endMs = bounded ? rule.endDateTime! : Infinity;
  const endDay = bounded ? localDay(endMs, zone) : Infinity;
  const withinEnd = (startMs: number, day: number) =>
    rules.endDateTime === 'instant' ? startMs <= endMs : day <= endDay;

  const starts: number[] = [];
  let lastDay = -Infinity;
  if (rules.firstOccurrence === 'start-always') {
    if (!withinEnd(startMs, startDay)) return { kind: 'ok', starts };
    starts.push(startMs);
    lastDay = startDay;
  }
  let looked = 0;
  for (const day of candidateDays(startDay, rule, rules)) {
    if (++looked > MAX_CANDIDATES) break;
    if (day < startDay || day === lastDay) continue;
    const occurrence = wallClockToMillis(day * DAY_MS + timeOfDayMs, zone);
    if (!withinEnd(occurrence, day)) break;
    if (starts.length >= wanted) return { kind: bounded ? 'over-cap' : 'ok', starts };
    starts.push(occurrence);
    lastDay = day;
  }
  return { kind: 'ok', starts };
}

/** Candidate days in order, from the period (day, week, month) that holds the start. */
function* candidateDays(
  startDay: number,
  rule: ZoomRecurrenceRule,
  rules: ExpansionRules,
): Generator<number> {
  const interval = Math.max(1, rule.repeatInterval);
  if (rule.type === 1) {
    for (let day = startDay; ; day += interval) yield day;
  }
  if (rule.type === 2) {
    // Zoom weekdays 1 = Sunday … 7 = Saturday; offsets counted from the week's first day.
    const firstWeekday = rules.weekStart === 'sunday' ? 1 : 2;
    const weekStart = startDay - ((zoomWeekday(startDay) - firstWeekday + 7) % 7);
    const offsets = [...new Set(rule.weeklyDays ?? [1])]
      .map((day) => (day - firstWeekday + 7) % 7)
      .sort((a, b) => a - b);
    for (let week = 0; ; week += interval)
      for (const offset of offsets) yield weekStart + week * 7 + offset;
  }
  const { year, month } = civil(startDay);
  for (let k = 0; ; k += interval) {
    const first = dayNumber(year, month + k, 1);
    const last = dayNumber(year, month + k + 1, 1) - 1;
    if (rule.monthlyWeek !== undefined) {
      yield nthWeekday(first, last, rule.monthlyWeek, rule.monthlyWeekDay ?? 1);
      continue;
    }
    const wantedDay = rule.monthlyDay ?? 1;
    const length = last - first + 1;
    if (wantedDay <= length) yield first + wantedDay - 1;
    else if (rules.monthlyDayBeyondMonthEnd === 'last-day') yield last;
  }
}

function nthWeekday(first: number, last: number, week: number, weekday: number): number {
  if (week === -1) return last - ((zoomWeekday(last) - weekday + 7) % 7);
  return first + ((weekday - zoomWeekday(first) + 7) % 7) + (week - 1) * 7;
}

/** Days since 1970-01-01 (months past 12 roll into the next year, as `Date.UTC` does). */
function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

function civil(day: number): { year: number; month: number } {
  const date = new Date(day * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1 };
}

/** 1 = Sunday … 7 = Saturday (1970-01-01 was a Thursday). */
function zoomWeekday(day: number): number {
  return ((((day + 4) % 7) + 7) % 7) + 1;
}

function localDay(ms: number, zone: Zone): number {
  return Math.floor((ms + offsetMinutes(zone, ms) * 60_000) / DAY_MS);
}
