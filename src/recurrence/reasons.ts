/**
 * Why a conversion is not a plain meeting or series. The code is stable (the sync engine, the
 * status page and alerts key off it); the sentence is for people and may change.
 */
export type SkipCode = 'all_day' | 'finished' | 'cancelled';

export type FallbackCode =
  /** FREQ=YEARLY, HOURLY, MINUTELY or SECONDLY: Zoom repeats daily, weekly or monthly only. */
  | 'unsupported_frequency'
  /** INTERVAL beyond Zoom's 90 days, 12 weeks or 3 months. */
  | 'interval_too_large'
  /** BYMONTH, BYYEARDAY, BYWEEKNO, BYSETPOS beyond the nth-weekday form, weekdays Zoom cannot pair. */
  | 'unsupported_rule_part'
  /** Several BYMONTHDAY values, or a negative one (BYMONTHDAY=-1, "last day"). */
  | 'unsupported_monthly_day'
  /** An nth weekday Zoom has no word for (5th, 2nd-to-last …): Zoom knows 1–4 and last. */
  | 'unsupported_weekday_ordinal'
  /** BYHOUR/BYMINUTE/BYSECOND that make other clock times than the start's. */
  | 'time_of_day_rule'
  /** RDATE: extra dates Zoom cannot add to a series. */
  | 'rdate'
  /** EXRULE: excluded patterns (deprecated by RFC 5545). */
  | 'exrule'
  /** More than one RRULE. */
  | 'multiple_rules'
  /** Every N weeks on days that would group into different weeks under another week start. */
  | 'week_start_ambiguous'
  /** The series starts (DTSTART) on a day a monthly Zoom recurrence cannot make. */
  | 'start_not_on_rule_day'
  /** An occurrence at a clock time the DST change skips (02:30 on spring-forward day). */
  | 'dst_gap'
  /** An occurrence at a clock time that happens twice (01:30 on fall-back day). */
  | 'dst_ambiguous'
  /** The rule cannot be expanded safely (too many instances, or a sub-daily loop that may not end). */
  | 'not_expandable'
  /** Expanding the event's lines together takes more than its work budget (`WorkBudget`). */
  | 'recurrence_too_complex'
  /** The Zoom series could not be proven equal to Google's occurrences. */
  | 'not_proven';

export type ReasonCode = SkipCode | FallbackCode;

/** A reason: its code and a sentence saying what was found ("Zoom cannot repeat yearly"). */
export interface Reason {
  code: ReasonCode;
  why: string;
}

export interface FallbackReason extends Reason {
  code: FallbackCode;
}

/** `"<code>: <sentence>"`, the form `zoomlink convert` prints. */
export function formatReason(reason: Reason, consequence: string): string {
  return `${reason.code}: ${reason.why}; ${consequence}.`;
}
