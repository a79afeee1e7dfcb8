import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import { commonStarts, walkCoverage, type CoverageStop } from './coverage.js';
import type { GoogleOccurrence } from './expand-google.js';
import { distinctReadings, zoomWallClockStarts } from './expand-zoom.js';
import type { WorkBudget } from './work-budget.js';
import { resolveWallClock } from './zone-time.js';

/** A Zoom series proven equal to a prefix of a window of Google occurrences, minus its extras. */
export interface ProvenSeries {
  /** The request with `recurrence.end_times` set. */
  request: ZoomMeetingRequest;
  /** The Google occurrences it covers: a prefix of the window, at least one. */
  covered: GoogleOccurrence[];
  /** Zoom occurrences Google does not have, to delete after creating the meeting (UTC ms). */
  extra: number[];
  /** Why it covers no more of the window. */
  stop: CoverageStop;
}

export type Proof =
  | { ok: true; series: ProvenSeries }
  | {
      ok: false;
      /** Google occurrences covered before it failed. */
      covered: number;
      why: string;
    };

export interface ProveOptions {
  /** Most Zoom occurrences the series may have (its `end_times`). */
  cap: number;
  /** Most extra Zoom occurrences (deleted after creation) the series may have. */
  maxExtra: number;
  /** The event's work budget: the proof expands the series under every reading. */
  budget: WorkBudget;
}

/** Steps of the work budget per wall-clock time an expansion makes (a few µs per 8). */
const STARTS_PER_STEP = 8;

/**
 * Proves a type-8 request (its recurrence without an end) against Google's occurrences. Under
 * every reading of Zoom's undocumented behaviour (`ZOOM_READINGS`, one for each that can give
 * other days: `distinctReadings`) it expands the series and
 * walks the occurrences all readings share beside the window, in UTC (`walkCoverage`): each
 * Google occurrence must be a Zoom occurrence; Zoom occurrences in between are extra (to delete).
 * The proven series ends at the last Google occurrence it covers, so that it holds exactly that
 * prefix of the window under every reading; `stop` says why it holds no more (the caller judges
 * whether that is enough). It is no proof when it does not even start on the first occurrence.
 */
export function proveSeries(
  base: ZoomMeetingRequest,
  window: readonly GoogleOccurrence[],
  options: ProveOptions,
): Proof {
  const [first] = window;
  if (base.recurrence === undefined || first === undefined)
    return { ok: false, covered: 0, why: 'nothing to prove' };
  const probe = { ...base, recurrence: { ...base.recurrence, end_times: options.cap } };
  // Readings that give the same wall-clock times give the same instants: the readings' starts are
  // compared as wall-clock times, as far as the walk reads them, and only their common run is
  // placed in the zone.
  const zone = probe.timezone ?? '';
  const { startDay } = zoomWallClockStarts(probe);
  const readings = startDay === undefined ? [] : distinctReadings(probe.recurrence, startDay);
  const expansions = readings.map((reading) => zoomWallClockStarts(probe, { reading }).starts);
  const common: number[] = [];
  const instants: number[] = [];
  const placed = function* (): Generator<number> {
    for (const floating of commonStarts(expansions)) {
      common.push(floating);
      instants.push(resolveWallClock(floating, zone).instantMs);
      yield instants[instants.length - 1]!;
    }
  };
  const coverage = walkCoverage(
    placed(),
    window.map((o) => o.start.getTime()),
    options,
  );
  options.budget.spend(spent(readings.length * common.length), 'proving a Zoom series');
  if (coverage.covered === 0)
    return { ok: false, covered: 0, why: `its first occurrence is not ${first.localStart}` };

  const request = { ...base, recurrence: { ...base.recurrence, end_times: coverage.endTimes } };
  const zoom = common.slice(0, coverage.endTimes);
  // The statement proven, checked once more as a whole: every reading gives exactly `zoom`.
  for (const reading of readings) {
    const starts = [...zoomWallClockStarts(request, { reading }).starts];
    if (starts.length !== zoom.length || starts.some((s, i) => s !== zoom[i])) {
      return {
        ok: false,
        covered: coverage.covered,
        why: "its occurrences depend on behaviour Zoom's documents do not describe",
      };
    }
  }
  options.budget.spend(spent(readings.length * zoom.length), 'proving a Zoom series');
  const covered = window.slice(0, coverage.covered);
  const googleStarts = new Set(covered.map((o) => o.start.getTime()));
  return {
    ok: true,
    series: {
      request,
      covered,
      extra: instants.slice(0, coverage.endTimes).filter((s) => !googleStarts.has(s)),
      stop: coverage.stop,
    },
  };
}

const spent = (starts: number): number => 1 + Math.ceil(starts / STARTS_PER_STEP);
