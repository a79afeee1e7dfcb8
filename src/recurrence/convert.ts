import type { GoogleEventResource } from '../domain/calendar-event.js';
import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import {
  expandParsedEvent,
  RecurrenceNotExpandable,
  RecurrenceTooComplex,
  type GoogleOccurrence,
} from './expand-google.js';
import { ZOOM_MAX_OCCURRENCES } from './expand-zoom.js';
import { mapRule } from './map-rule.js';
import { parseEvent, type ParsedEvent } from './parse-event.js';
import { proveSeries } from './prove-series.js';
import { formatReason, type FallbackReason, type Reason, type ReasonCode } from './reasons.js';
import { WorkBudget } from './work-budget.js';
import { DAY_MS, formatFloating, formatUtc, resolveWallClock, wallClockOf } from './zone-time.js';

export type Strategy = 'single' | 'series' | 'no_fixed_time' | 'per_occurrence' | 'skip';
export type FallbackStrategy = 'no_fixed_time' | 'per_occurrence';

export interface ConvertOptions {
  /** Most occurrences one Zoom series covers (1–50; Zoom allows 50). */
  cap: number;
  /** What a series Zoom cannot say becomes. */
  fallback: FallbackStrategy;
  /** per_occurrence: meetings for occurrences starting within this many days of the window's start. */
  perOccurrenceHorizonDays: number;
  /** Steps of work the event's expansion may take (default `DEFAULT_WORK_BUDGET`). */
  workBudget?: number;
}

export interface ConversionWindow {
  /** UTC start of the first and of the last occurrence covered. */
  from: string;
  to: string;
  /** True when no Google occurrence follows the window (the series ends inside it). */
  complete: boolean;
}

/**
 * What to do in Zoom for one Google event: the JSON that `zoomlink convert` prints. Deterministic
 * for the same (event, now), and the same for every `now` until the window's first occurrence is
 * over. `meeting` is there for single, series and no_fixed_time; `meetings` (per_occurrence)
 * pairs with `occurrences` index by index.
 */
export interface ConversionResult {
  strategy: Strategy;
  /** `"<code>: <sentence>"` whenever strategy is not single or series. */
  reason?: string;
  reasonCode?: ReasonCode;
  meeting?: ZoomMeetingRequest;
  meetings?: ZoomMeetingRequest[];
  /** UTC starts of Zoom occurrences to delete after creating the series (Google lacks them). */
  deleteOccurrences: string[];
  /** UTC starts of the Google occurrences this conversion covers. */
  occurrences: string[];
  window?: ConversionWindow;
  /**
   * A series: the occurrence that has begun but is not over at `now` (UTC start and end), which
   * the series does not cover — Zoom would take its start, in the past, as "now".
   */
  running?: { start: string; end: string };
}

/**
 * A series starts at its first occurrence that has not begun, and a little later than now: Zoom
 * takes a `start_time` in the past as "now" (moodle-mod_zoom issue #341: a past start on create
 * becomes the time of the request) and would shift every occurrence after it by as much. The
 * margin covers the request's way to Zoom.
 */
export const SERIES_START_MARGIN_MS = 60_000;

/** Zoom's `topic` limit (SPEC: maxLength 200). */
const TOPIC_MAX = 200;

/**
 * Converts a Google event into Zoom terms at `now`: a type-2 meeting for a single event, a
 * type-8 series proven occurrence by occurrence (see `proveSeries`), or a fallback with its
 * reason. Throws `EventInputError` for an event it cannot read.
 *
 * The window is the next `cap` occurrences that are not over (Zoom moves a past `start_time` to
 * "now", so a series starts at the first occurrence not yet over); `start_time` is wall-clock time
 * in the event's zone, never `Z` (a `Z` makes Zoom ignore `timezone`).
 */
export function convertEvent(
  event: GoogleEventResource,
  now: Date,
  options: ConvertOptions,
): ConversionResult {
  checkOptions(options);
  if (event?.status === 'cancelled')
    return skip({ code: 'cancelled', why: 'the event is cancelled' });
  const parsed = parseEvent(event);
  if (parsed.allDay)
    return skip({ code: 'all_day', why: 'an all-day event has no time for a Zoom meeting' });
  const topic = topicOf(parsed.summary);
  const duration = Math.ceil(parsed.durationMs / 60_000);

  let ahead: GoogleOccurrence[];
  try {
    ahead = expandParsedEvent(parsed, {
      from: now,
      // One more than a window, to see whether more follow, and room for one that has begun.
      limit: options.cap + 2,
      budget: new WorkBudget(options.workBudget),
    });
  } catch (error) {
    if (!(error instanceof RecurrenceNotExpandable)) throw error;
    const why = error.why;
    const reason: Reason =
      error instanceof RecurrenceTooComplex
        ? { code: 'recurrence_too_complex', why: `the recurrence is too complex (${why})` }
        : { code: 'not_expandable', why: `the rule cannot be expanded safely (${why})` };
    return {
      strategy: 'no_fixed_time',
      reason: formatReason(reason, NO_FIXED_TIME),
      reasonCode: reason.code,
      meeting: { type: 3, topic },
      deleteOccurrences: [],
      occurrences: [],
    };
  }
  const first = ahead[0];
  if (first === undefined)
    return skip({ code: 'finished', why: `no occurrence ends after ${formatUtc(now.getTime())}` });
  const window = ahead.slice(0, options.cap);
  const context: Context = { parsed, topic, duration, ahead, window, options };

  const recurrence = parsed.recurrence;
  if (recurrence === null || (recurrence.rules.length === 0 && recurrence.rDates.length === 0)) {
    return {
      strategy: 'single',
      meeting: { type: 2, topic, ...zoomStart(first.start.getTime(), parsed.zone), duration },
      deleteOccurrences: [],
      occurrences: [first.originalStart],
      window: windowOf([first], true),
    };
  }

  // Undocumented for Google and Zoom alike: a clock time that the DST change skips or repeats.
  // No meeting with a time can be known right; only the one without a time is safe.
  const gap = window.find((o) => o.wallClock === 'gap');
  if (gap) {
    return fallback(
      context,
      {
        code: 'dst_gap',
        why: `${gap.localStart} does not exist in ${parsed.zone} (the clocks go forward), and neither Google nor Zoom documents where such an occurrence falls`,
      },
      true,
    );
  }
  const twice = window.find((o) => o.wallClock === 'ambiguous');
  if (twice) {
    return fallback(
      context,
      {
        code: 'dst_ambiguous',
        why: `${twice.localStart} happens twice in ${parsed.zone} (the clocks go back), and Zoom does not document which of the two it takes`,
      },
      true,
    );
  }

  const begun = ahead.filter((o) => o.start.getTime() <= now.getTime() + SERIES_START_MARGIN_MS);
  const upcoming = ahead.filter((o) => !begun.includes(o));
  const anchor = upcoming[0];
  const running =
    begun.length > 0
      ? {
          start: begun[0]!.originalStart,
          end: formatUtc(Math.max(...begun.map((o) => o.end.getTime()))),
        }
      : undefined;
  if (anchor === undefined)
    return { ...skip({ code: 'finished', why: 'its last occurrence has begun' }), running };
  const seriesWindow = upcoming.slice(0, options.cap);
  const mapped = mapRule(parsed, anchor);
  if (!mapped.ok) return fallback(context, mapped.reason);
  const proof = proveSeries(
    {
      type: 8,
      topic,
      start_time: anchor.localStart,
      timezone: parsed.zone,
      duration,
      recurrence: mapped.recurrence,
    },
    seriesWindow,
    // Issue 2, item 4: a monthly_day of 29–31 is a series only while every month in the window
    // has that day (Zoom does not say what it does in a shorter month), so the window ends there.
    { cap: options.cap, cutWhereReadingsDiffer: (mapped.monthlyDay ?? 0) >= 29 },
  );
  if (!proof.ok) return fallback(context, { code: 'not_proven', why: proof.why });
  const { request, covered, extra } = proof.series;
  return {
    strategy: 'series',
    meeting: request,
    deleteOccurrences: extra.map(formatUtc),
    occurrences: covered.map((o) => o.originalStart),
    window: windowOf(covered, covered.length === upcoming.length),
    ...(running ? { running } : {}),
  };
}

interface Context {
  parsed: ParsedEvent;
  topic: string;
  duration: number;
  /** The next cap + 1 occurrences not over (one more than a window, to see whether more follow). */
  ahead: GoogleOccurrence[];
  window: GoogleOccurrence[];
  options: ConvertOptions;
}

const NO_FIXED_TIME = 'one Zoom meeting with no fixed time serves every occurrence';

function fallback(
  context: Context,
  reason: FallbackReason,
  onlyWithoutTime = false,
): ConversionResult {
  const { options, window, ahead, topic } = context;
  if (options.fallback === 'no_fixed_time' || onlyWithoutTime) {
    const consequence =
      onlyWithoutTime && options.fallback === 'per_occurrence'
        ? `${NO_FIXED_TIME} (one meeting per occurrence would depend on the same undocumented behaviour)`
        : NO_FIXED_TIME;
    return {
      strategy: 'no_fixed_time',
      reason: formatReason(reason, consequence),
      reasonCode: reason.code,
      meeting: { type: 3, topic },
      deleteOccurrences: [],
      occurrences: window.map((o) => o.originalStart),
      window: windowOf(window, window.length === ahead.length),
    };
  }
  // Anchored on the window's start, not on now, so that the answer stays the same until that
  // occurrence is over. At most `cap` meetings: each costs one of the host's 100 daily creates.
  const horizonEnd = window[0]!.start.getTime() + options.perOccurrenceHorizonDays * DAY_MS;
  const chosen = window.filter((o) => o.start.getTime() < horizonEnd);
  return {
    strategy: 'per_occurrence',
    reason: formatReason(
      reason,
      `one Zoom meeting per occurrence in the ${options.perOccurrenceHorizonDays} days from ${chosen[0]!.originalStart}`,
    ),
    reasonCode: reason.code,
    meetings: chosen.map((o) => ({
      type: 2,
      topic,
      ...zoomStart(o.start.getTime(), context.parsed.zone),
      duration: context.duration,
    })),
    deleteOccurrences: [],
    occurrences: chosen.map((o) => o.originalStart),
    window: windowOf(chosen, chosen.length === ahead.length),
  };
}

/**
 * `start_time` and `timezone` for a one-off meeting at an exact instant: wall-clock time in the
 * event's zone — unless that clock time happens twice there (the hour the clocks go back), where
 * Zoom's choice is undocumented; then the UTC clock time with `timezone: "UTC"`, which Zoom
 * documents and which cannot be misread.
 */
export function zoomStart(
  instantMs: number,
  zone: string,
): { start_time: string; timezone: string } {
  const local = wallClockOf(instantMs, zone);
  if (resolveWallClock(local, zone).kind === 'ambiguous')
    return { start_time: formatFloating(instantMs), timezone: 'UTC' };
  return { start_time: formatFloating(local), timezone: zone };
}

function skip(reason: Reason): ConversionResult {
  return {
    strategy: 'skip',
    reason: formatReason(reason, 'no Zoom meeting'),
    reasonCode: reason.code,
    deleteOccurrences: [],
    occurrences: [],
  };
}

function windowOf(occurrences: GoogleOccurrence[], complete: boolean): ConversionWindow {
  return {
    from: occurrences[0]!.originalStart,
    to: occurrences[occurrences.length - 1]!.originalStart,
    complete,
  };
}

/** Google's title, as Zoom takes it: at most 200 characters, never empty. */
export function topicOf(summary: string): string {
  const text = summary.replace(/\s+/g, ' ').trim() || '(No title)';
  let topic = '';
  for (const char of text) {
    if (topic.length + char.length > TOPIC_MAX) break;
    topic += char;
  }
  return topic;
}

function checkOptions(options: ConvertOptions): void {
  if (!Number.isInteger(options.cap) || options.cap < 1 || options.cap > ZOOM_MAX_OCCURRENCES) {
    throw new RangeError(`cap must be an integer 1..${ZOOM_MAX_OCCURRENCES}, not ${options.cap}`);
  }
  if (options.fallback !== 'no_fixed_time' && options.fallback !== 'per_occurrence') {
    throw new RangeError(
      `fallback must be no_fixed_time or per_occurrence, not ${String(options.fallback)}`,
    );
  }
  if (
    options.workBudget !== undefined &&
    (!Number.isInteger(options.workBudget) || options.workBudget < 1)
  ) {
    throw new RangeError(`workBudget must be a positive integer, not ${options.workBudget}`);
  }
  if (!Number.isInteger(options.perOccurrenceHorizonDays) || options.perOccurrenceHorizonDays < 1) {
    throw new RangeError(
      `perOccurrenceHorizonDays must be a positive integer, not ${options.perOccurrenceHorizonDays}`,
    );
  }
}
