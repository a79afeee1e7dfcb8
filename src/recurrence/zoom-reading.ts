/**
 * What Zoom does is documented for the plain cases only (REC: "Recurrence Object Definitions";
 * SPEC: the Meeting API's `recurrence` schema). Where it is not, our Zoom expander takes every
 * plausible reading, and the converter accepts a series only when all readings give the same
 * occurrences — so no undocumented behaviour can make a meeting wrong.
 */
export interface ZoomReading {
  /**
   * The week that `repeat_interval` counts for weekly series. Zoom numbers weekdays from
   * 1 = Sunday, which suggests Sunday; it does not say (UNCONFIRMED, undocumented).
   */
  weekStart: 'sunday' | 'monday';
  /**
   * A `start_time` on a day the recurrence does not make (a Tuesday for `weekly_days: "2"`): an
   * occurrence of its own, or skipped to the first matching day (UNCONFIRMED, undocumented;
   * moodle-mod_zoom #341 only shows that a past start moves).
   */
  offRuleStart: 'occurrence' | 'skipped';
  /** `monthly_day` 29–31 in a shorter month: skipped, or moved to its last day (UNCONFIRMED). */
  shortMonth: 'skip' | 'last_day';
}

export const ZOOM_READINGS: readonly ZoomReading[] = (['sunday', 'monday'] as const).flatMap(
  (weekStart) =>
    (['occurrence', 'skipped'] as const).flatMap((offRuleStart) =>
      (['skip', 'last_day'] as const).map((shortMonth) => ({
        weekStart,
        offRuleStart,
        shortMonth,
      })),
    ),
);

/** The reading we think most likely (RFC 5545-like); used where one answer must be picked. */
export const LIKELY_ZOOM_READING: ZoomReading = {
  weekStart: 'sunday',
  offRuleStart: 'skipped',
  shortMonth: 'skip',
};
