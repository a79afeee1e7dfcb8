/**
 * One RRULE (or EXRULE) as parsed from Google's `recurrence` lines: RFC 5545 §3.3.10, with every
 * part validated. Weekdays are numbered 0 = Monday … 6 = Sunday, as rrule numbers them.
 */

export type Frequency =
  'YEARLY' | 'MONTHLY' | 'WEEKLY' | 'DAILY' | 'HOURLY' | 'MINUTELY' | 'SECONDLY';

/** 0 = Monday … 6 = Sunday (RFC order MO..SU, as the rrule library numbers them). */
export type RuleWeekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface ByDay {
  weekday: RuleWeekday;
  /** The ordinal in `BYDAY=2TU` / `-1FR`; absent for a plain `TU`. */
  nth?: number;
}

/** UNTIL as written: a UTC date-time (`…Z`), a date (`YYYYMMDD`) or a floating local date-time. */
export type Until =
  | { kind: 'utc'; instantMs: number }
  | { kind: 'date'; floatingMs: number }
  | { kind: 'floating'; floatingMs: number };

export interface RuleSpec {
  freq: Frequency;
  interval: number;
  count?: number;
  until?: Until;
  wkst: RuleWeekday;
  byDay: ByDay[];
  byMonthDay: number[];
  byMonth: number[];
  byYearDay: number[];
  byWeekNo: number[];
  bySetPos: number[];
  byHour: number[];
  byMinute: number[];
  bySecond: number[];
  /** The rule as written, for messages. */
  source: string;
}

export const WEEKDAY_CODES = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;

/** The length of one period of an HOURLY, MINUTELY or SECONDLY rule with INTERVAL=1, in ms. */
export const SUB_DAILY_UNIT_MS: Partial<Record<Frequency, number>> = {
  HOURLY: 3_600_000,
  MINUTELY: 60_000,
  SECONDLY: 1000,
};
