import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import type { GoogleOccurrence } from './expand-google.js';
import { expandZoomSeries } from './expand-zoom.js';
import { ZOOM_READINGS } from './zoom-reading.js';

/** A Zoom series proven equal to a window of Google occurrences. */
export interface ProvenSeries {
  /** The request with `recurrence.end_times` set. */
  request: ZoomMeetingRequest;
  /** The Google occurrences it covers: a prefix of the window, at least one. */
  covered: GoogleOccurrence[];
  /** Zoom occurrences Google does not have, to delete after creating the meeting (UTC ms). */
  extra: number[];
}

export type Proof = { ok: true; series: ProvenSeries } | { ok: false; why: string };

export interface ProveOptions {
  /** Most Zoom occurrences the series may have (its `end_times`). */
  cap: number;
  /**
   * Whether the window may end where Zoom's undocumented readings start to disagree (the monthly
   * 29th–31st: a month without that day is skipped or moved, we do not know which). Otherwise a
   * disagreement is a failed proof.
   */
  cutWhereReadingsDiffer: boolean;
}

/**
 * Proves a type-8 request (its recurrence without an end) against Google's occurrences. Under
 * every reading of Zoom's undocumented behaviour (`ZOOM_READINGS`) it expands the series and
 * walks it beside the window, in UTC: each Google occurrence must be a Zoom occurrence; Zoom
 * occurrences in between are extra (to delete). The proven series ends at the last covered
 * Google occurrence; it is shorter than the window only where Zoom's 50 occurrences run out or,
 * if allowed, where the readings part. Anything else is no proof.
 */
export function proveSeries(
  base: ZoomMeetingRequest,
  window: GoogleOccurrence[],
  options: ProveOptions,
): Proof {
  if (base.recurrence === undefined || window.length === 0)
    return { ok: false, why: 'nothing to prove' };
  const probe = { ...base, recurrence: { ...base.recurrence, end_times: options.cap } };
  const lists = ZOOM_READINGS.map((reading) =>
    expandZoomSeries(probe, { reading }).map((d) => d.getTime()),
  );
  const common = commonPrefix(lists);

  let covered = 0;
  let lastMatch = -1;
  for (let j = 0; j < common.length && covered < window.length; j += 1) {
    const zoom = common[j]!;
    const google = window[covered]!.start.getTime();
    if (google < zoom) {
      return {
        ok: false,
        why: `Zoom has no occurrence at ${window[covered]!.originalStart}, which Google has`,
      };
    }
    if (google === zoom) {
      covered += 1;
      lastMatch = j;
    }
  }
  if (covered === 0)
    return { ok: false, why: `Zoom's series does not start at ${window[0]!.originalStart}` };
  if (covered < window.length && common.length < options.cap && !options.cutWhereReadingsDiffer) {
    return {
      ok: false,
      why: "Zoom's occurrences depend on behaviour its documents do not describe",
    };
  }

  const request = { ...base, recurrence: { ...base.recurrence, end_times: lastMatch + 1 } };
  const zoom = common.slice(0, lastMatch + 1);
  // The statement proven, checked once more as a whole: every reading gives exactly `zoom`.
  for (const reading of ZOOM_READINGS) {
    const starts = expandZoomSeries(request, { reading }).map((d) => d.getTime());
    if (starts.length !== zoom.length || starts.some((s, i) => s !== zoom[i])) {
      return {
        ok: false,
        why: "Zoom's occurrences depend on behaviour its documents do not describe",
      };
    }
  }
  const googleStarts = new Set(window.slice(0, covered).map((o) => o.start.getTime()));
  return {
    ok: true,
    series: {
      request,
      covered: window.slice(0, covered),
      extra: zoom.filter((s) => !googleStarts.has(s)),
    },
  };
}

function commonPrefix(lists: number[][]): number[] {
  const [first = [], ...rest] = lists;
  let n = first.length;
  for (const list of rest) {
    let i = 0;
    while (i < n && i < list.length && list[i] === first[i]) i += 1;
    n = i;
  }
  return first.slice(0, n);
}
