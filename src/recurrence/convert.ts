import { isoFromMs } from '../util/instant.js';
import type { GoogleEventResource } from '../domain/calendar-event.js';
import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import {
  DEFAULT_MAX_EXTRA_OCCURRENCES,
  type ConversionResult,
  type ConvertOptions,
  type SkipConversion,
} from './conversion-result.js';
import {
  expandParsedEvent,
  RecurrenceNotExpandable,
  RecurrenceTooComplex,
  type GoogleOccurrence,
} from './expand-google.js';
import { ZOOM_MAX_OCCURRENCES } from './expand-zoom.js';
import {
  fallback,
  windowOf,
  withoutOccurrences,
  zoomStart,
  type FallbackContext,
} from './fallback.js';
import { findSeries, type SeriesSearch } from './find-series.js';
import { mapRule } from './map-rule.js';
import { parseEvent, type ParsedEvent } from './parse-event.js';
import { proveSeries } from './prove-series.js';
import { formatReason, type FallbackReason, type Reason, type SkipCode } from './reasons.js';
import { seriesSummary } from './series-summary.js';
import { WorkBudget } from './work-budget.js';

export { zoomStart };

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
 * type-8 series that holds the next occurrences (extra ones deleted after it is made), proven
 * occurrence by occurrence (see `proveSeries`), or a fallback with its reason. Throws
 * `EventInputError` only for an event it cannot read (not an event, or a recurrence line that is
 * not a rule); an odd but valid rule is expanded as Google and dateutil expand it.
 *
 * The series works from Google's occurrences, not from the rule's spelling: the rule as written
 * is tried first (`mapRule`), and taken when it holds the occurrences with no extra one;
 * otherwise Zoom's whole pattern space is searched for the covering series (`findSeries`). It
 * starts on the first occurrence that has not begun; a single and the fallbacks cover the next
 * occurrences not yet over (Zoom moves a past `start_time` to "now"). `start_time` is wall-clock
 * time in the event's zone, never `Z` (a `Z` makes Zoom ignore `timezone`).
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
  const budget = new WorkBudget(options.workBudget);

  let ahead: GoogleOccurrence[];
  try {
    ahead = expandParsedEvent(parsed, {
      from: now,
      // One more than a window, to see whether more follow, and room for one that has begun.
      limit: options.cap + 2,
      budget,
    });
  } catch (error) {
    if (!(error instanceof RecurrenceNotExpandable)) throw error;
    return withoutOccurrences(
      topic,
      error instanceof RecurrenceTooComplex
        ? { code: 'recurrence_too_complex', why: `the recurrence is too complex (${error.why})` }
        : { code: 'not_expandable', why: `the rule cannot be expanded safely (${error.why})` },
    );
  }
  const [first] = ahead;
  if (first === undefined)
    return skip({ code: 'finished', why: `no occurrence ends after ${isoFromMs(now.getTime())}` });
  const window = ahead.slice(0, options.cap);
  const context: FallbackContext = { zone: parsed.zone, topic, duration, ahead, window, options };

  const recurrence = parsed.recurrence;
  if (recurrence === null || (recurrence.rules.length === 0 && recurrence.rDates.length === 0)) {
    return {
      strategy: 'single',
      meeting: { type: 2, topic, ...zoomStart(first.start.getTime(), parsed.zone), duration },
      occurrences: [isoFromMs(first.start.getTime())],
      window: windowOf([first], true),
    };
  }

  // Undocumented for Google and Zoom alike: a clock time that the DST change skips or repeats.
  // No meeting with a time can be known right there; a series may end before it (below), and
  // otherwise only the meeting without a time is safe.
  const dstEdge = dstReason(window, parsed.zone);

  const begun = ahead.filter((o) => o.start.getTime() <= now.getTime() + SERIES_START_MARGIN_MS);
  const upcoming = ahead.filter((o) => !begun.includes(o));
  const [anchor] = upcoming;
  const [firstBegun] = begun;
  const running = firstBegun
    ? {
        start: isoFromMs(firstBegun.start.getTime()),
        end: isoFromMs(Math.max(...begun.map((o) => o.end.getTime()))),
      }
    : undefined;
  if (anchor === undefined)
    return {
      ...skip({ code: 'finished', why: 'its last occurrence has begun' }),
      ...(running ? { running } : {}),
    };
  const next = upcoming.slice(0, options.cap);
  const edge = next.findIndex((o) => o.wallClock !== 'exact');
  const seriesWindow = edge < 0 ? next : next.slice(0, edge);
  const base: ZoomMeetingRequest = {
    type: 8,
    topic,
    start_time: anchor.localStart,
    timezone: parsed.zone,
    duration,
  };
  let found: SeriesSearch | undefined;
  try {
    if (seriesWindow.length > 0) found = seriesFor(parsed, base, seriesWindow, options, budget);
  } catch (error) {
    if (!(error instanceof RecurrenceTooComplex)) throw error;
    const why = `searching Zoom's patterns for the occurrences is too complex (${error.why})`;
    return fallback(context, { code: 'recurrence_too_complex', why }, true);
  }
  // A series that ends before a DST edge must still repeat; past the edge, the window moves on.
  if (found?.ok && edge >= 0 && found.series.covered.length < 2) found = undefined;
  if (!found?.ok) {
    if (dstEdge) return fallback(context, dstEdge, true);
    return fallback(context, found?.reason ?? { code: 'no_covering_series', why: 'no occurrence' });
  }
  const { request, covered, extra } = found.series;
  return {
    strategy: 'series',
    meeting: request,
    summary: request.recurrence ? seriesSummary(request.recurrence, extra.length) : '',
    occurrences: covered.map((o) => isoFromMs(o.start.getTime())),
    deleteOccurrences: extra.map(isoFromMs),
    window: windowOf(covered, covered.length === upcoming.length),
    ...(running ? { running } : {}),
  };
}

/** Why no meeting with a time is safe: an occurrence the DST change skips or repeats. */
function dstReason(window: readonly GoogleOccurrence[], zone: string): FallbackReason | undefined {
  const gap = window.find((o) => o.wallClock === 'gap');
  if (gap) {
    return {
      code: 'dst_gap',
      why: `${gap.localStart} does not exist in ${zone} (the clocks go forward), and neither Google nor Zoom documents where such an occurrence falls`,
    };
  }
  const twice = window.find((o) => o.wallClock === 'ambiguous');
  if (twice) {
    return {
      code: 'dst_ambiguous',
      why: `${twice.localStart} happens twice in ${zone} (the clocks go back), and Zoom does not document which of the two it takes`,
    };
  }
  return undefined;
}

/**
 * The series for a window: the rule as written when it holds the occurrences with no extra one
 * (the fast path: nothing can do better), else the covering series the search finds.
 */
function seriesFor(
  parsed: ParsedEvent,
  base: ZoomMeetingRequest,
  window: GoogleOccurrence[],
  options: ConvertOptions,
  budget: WorkBudget,
): SeriesSearch {
  const limits = {
    cap: options.cap,
    maxExtra: options.maxExtraOccurrences ?? DEFAULT_MAX_EXTRA_OCCURRENCES,
    budget,
  };
  const [anchor] = window;
  const mapped = anchor ? mapRule(parsed, anchor) : undefined;
  if (mapped?.ok) {
    const proof = proveSeries({ ...base, recurrence: mapped.recurrence }, window, limits);
    if (
      proof.ok &&
      proof.series.extra.length === 0 &&
      (proof.series.stop === 'complete' || proof.series.stop === 'cap')
    )
      return { ok: true, series: proof.series };
  }
  return findSeries(base, window, limits, mapped?.ok ? [mapped.recurrence] : []);
}

function skip(reason: Reason & { code: SkipCode }): SkipConversion {
  return {
    strategy: 'skip',
    reason: formatReason(reason, 'no Zoom meeting'),
    reasonCode: reason.code,
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
  for (const [name, value, min] of [
    ['workBudget', options.workBudget, 1],
    ['maxExtraOccurrences', options.maxExtraOccurrences, 0],
  ] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < min))
      throw new RangeError(`${name} must be an integer of at least ${min}, not ${value}`);
  }
  if (!Number.isInteger(options.perOccurrenceHorizonDays) || options.perOccurrenceHorizonDays < 1) {
    throw new RangeError(
      `perOccurrenceHorizonDays must be a positive integer, not ${options.perOccurrenceHorizonDays}`,
    );
  }
}
