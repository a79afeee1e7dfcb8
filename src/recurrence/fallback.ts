import { isoFromMs } from '../util/instant.js';
import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import {
  type ConversionWindow,
  type ConvertOptions,
  type NoFixedTimeConversion,
  type PerOccurrenceConversion,
} from './conversion-result.js';
import type { GoogleOccurrence } from './expand-google.js';
import { formatReason, type FallbackReason } from './reasons.js';
import { DAY_MS, formatFloating, resolveWallClock, wallClockOf } from './zone-time.js';

/** What a fallback is made from: the event's next occurrences and its meeting's fields. */
export interface FallbackContext {
  zone: string;
  topic: string;
  /** Minutes. */
  duration: number;
  /** The next cap + 1 occurrences not over (one more than a window, to see whether more follow). */
  ahead: GoogleOccurrence[];
  /** The first `cap` of them. */
  window: GoogleOccurrence[];
  options: ConvertOptions;
}

export const NO_FIXED_TIME = 'one Zoom meeting with no fixed time serves every occurrence';

/**
 * The strategy that is still right when no series is: one meeting with no fixed time, or (when
 * configured, and when the occurrences' times are known) one meeting per occurrence in a horizon.
 * `onlyWithoutTime`: a meeting with a time would depend on what no document says (a clock time
 * the DST change skips or repeats), or the work to know them was refused.
 */
export function fallback(
  context: FallbackContext,
  reason: FallbackReason,
  onlyWithoutTime = false,
): NoFixedTimeConversion | PerOccurrenceConversion {
  const { options, window, ahead, topic } = context;
  const [first] = window;
  if (options.fallback === 'no_fixed_time' || onlyWithoutTime || first === undefined) {
    const consequence =
      onlyWithoutTime && options.fallback === 'per_occurrence'
        ? `${NO_FIXED_TIME} (one meeting per occurrence would depend on the same undocumented behaviour)`
        : NO_FIXED_TIME;
    return {
      strategy: 'no_fixed_time',
      reason: formatReason(reason, consequence),
      reasonCode: reason.code,
      meeting: { type: 3, topic },
      occurrences: window.map((o) => isoFromMs(o.start.getTime())),
      ...(first ? { window: windowOf(window, window.length === ahead.length) } : {}),
    };
  }
  // Anchored on the window's start, not on now, so that the answer stays the same until that
  // occurrence is over. At most `cap` meetings: each costs one of the host's 100 daily creates.
  const horizonEnd = first.start.getTime() + options.perOccurrenceHorizonDays * DAY_MS;
  const chosen = window.filter((o) => o.start.getTime() < horizonEnd);
  return {
    strategy: 'per_occurrence',
    reason: formatReason(
      reason,
      `one Zoom meeting per occurrence in the ${options.perOccurrenceHorizonDays} days from ${isoFromMs(first.start.getTime())}`,
    ),
    reasonCode: reason.code,
    meetings: chosen.map((o) => ({
      occurrence: isoFromMs(o.start.getTime()),
      request: {
        type: 2,
        topic,
        ...zoomStart(o.start.getTime(), context.zone),
        duration: context.duration,
      },
    })),
    window: windowOf(chosen, chosen.length === ahead.length),
  };
}

/** The no-fixed-time meeting of an event whose occurrences cannot be known. */
export function withoutOccurrences(topic: string, reason: FallbackReason): NoFixedTimeConversion {
  return {
    strategy: 'no_fixed_time',
    reason: formatReason(reason, NO_FIXED_TIME),
    reasonCode: reason.code,
    meeting: { type: 3, topic } satisfies ZoomMeetingRequest,
    occurrences: [],
  };
}

/** The window of a non-empty run of occurrences. */
export function windowOf(
  occurrences: readonly GoogleOccurrence[],
  complete: boolean,
): ConversionWindow {
  const first = occurrences[0]?.start.getTime() ?? Number.NaN;
  const last = occurrences[occurrences.length - 1]?.start.getTime() ?? first;
  return { from: isoFromMs(first), to: isoFromMs(last), complete };
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
