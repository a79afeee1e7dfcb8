/**
 * Why a conversion is not a plain meeting or series. The code is stable (the sync engine, the
 * status page and alerts key off it); the sentence is for people and may change.
 */
export type SkipCode = 'all_day' | 'finished' | 'cancelled';

export type FallbackCode =
  /** The occurrences come at more than one clock time; a Zoom series has one. */
  | 'time_of_day_rule'
  /** No Zoom pattern holds the next occurrences (the closest one misses one, named). */
  | 'no_covering_series'
  /**
   * The closest Zoom pattern reaches the second occurrence only with more extra occurrences than
   * `recurrence.maxExtraOccurrences` (or `recurrence.cap` occurrences) allow.
   */
  | 'too_many_extras'
  /** An occurrence at a clock time the DST change skips (02:30 on spring-forward day). */
  | 'dst_gap'
  /** An occurrence at a clock time that happens twice (01:30 on fall-back day). */
  | 'dst_ambiguous'
  /** The rule cannot be expanded safely (too many instances, or a sub-daily loop that may not end). */
  | 'not_expandable'
  /** Expanding the event's lines together, or searching a series for them, takes more than its work budget (`WorkBudget`). */
  | 'recurrence_too_complex';

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
