import type { ZoomMeetingRequest, ZoomRecurrence } from '../domain/zoom-meeting.js';
import { commonStarts, walkCoverage, type Coverage, type CoverageStop } from './coverage.js';
import type { GoogleOccurrence } from './expand-google.js';
import { distinctReadings, zoomOccurrenceDays } from './expand-zoom.js';
import { proveSeries, type ProvenSeries } from './prove-series.js';
import type { FallbackReason } from './reasons.js';
import { seriesCandidates, type SeriesCandidate } from './series-candidates.js';
import { describePattern } from './series-summary.js';
import type { WorkBudget } from './work-budget.js';
import type { ZoomReading } from './zoom-reading.js';
import { DAY_MS, floatingDay, timeOfDay } from './zone-time.js';

export interface SearchOptions {
  cap: number;
  maxExtra: number;
  budget: WorkBudget;
}

export type SeriesSearch =
  { ok: true; series: ProvenSeries } | { ok: false; reason: FallbackReason };

interface Evaluated {
  candidate: SeriesCandidate;
  coverage: Coverage;
}

/** Candidates proven in turn, best first, before the search gives up on the rest. */
const MAX_PROOFS = 4;
/** Steps of the work budget per start a candidate's walk makes, and per candidate. */
const STARTS_PER_STEP = 16;

/**
 * The covering series: the Zoom series, starting on the window's first occurrence, that holds
 * the next occurrences with the fewest extra ones (deleted after it is made). Every candidate of
 * `seriesCandidates` (and `also`, the rule's own spelling) is walked beside the occurrences on
 * wall-clock time, under the readings of Zoom's documents that can change it; the best are then
 * proven in UTC under every reading (`proveSeries`), and the first proven is the answer.
 *
 * A series covers the whole window, or a shorter run that ends only where its `cap` occurrences
 * or `maxExtra` extra ones run out (at least two occurrences: a series that repeats) or, on the
 * 29th–31st, where Zoom's readings of a shorter month part. Ranking: a series covering the whole
 * window first, with the fewest extras; then the one costing the fewest calls per occurrence
 * covered ((1 + extras) / covered); then the shortest interval. When none qualifies, the reason
 * names the closest miss.
 */
export function findSeries(
  base: ZoomMeetingRequest,
  window: readonly GoogleOccurrence[],
  options: SearchOptions,
  also: readonly ZoomRecurrence[] = [],
): SeriesSearch {
  const google = window.map((o) => o.floatingMs);
  const first = google[0]!;
  const candidates = [
    ...also.map((recurrence) => ({ recurrence, periodDays: periodOf(recurrence) })),
    ...seriesCandidates(google),
  ];
  const evaluated = candidates.map((candidate) => ({
    candidate,
    coverage: evaluate(candidate.recurrence, first, google, options),
  }));
  const usable = evaluated.filter((e) => acceptable(e, window.length)).sort(rank);
  const tried = new Set<string>();
  for (const { candidate } of usable) {
    const key = JSON.stringify(candidate.recurrence);
    if (tried.has(key)) continue;
    if (tried.size === MAX_PROOFS) break;
    tried.add(key);
    const proof = proveSeries({ ...base, recurrence: candidate.recurrence }, window, options);
    if (
      proof.ok &&
      acceptableRun(
        candidate.recurrence,
        proof.series.stop,
        proof.series.covered.length,
        window.length,
      )
    )
      return { ok: true, series: proof.series };
  }
  return { ok: false, reason: closestMiss(evaluated, window, options, tried.size > 0) };
}

/** The walk of one candidate on wall-clock time, under the readings that can change it. */
function evaluate(
  recurrence: ZoomRecurrence,
  first: number,
  google: readonly number[],
  options: SearchOptions,
): Coverage {
  const day = floatingDay(first);
  const clock = timeOfDay(first);
  let made = 0;
  const startsUnder = function* (reading: ZoomReading): Generator<number> {
    for (const occurrenceDay of zoomOccurrenceDays(recurrence, day, reading)) {
      made += 1;
      yield occurrenceDay + clock;
    }
  };
  const coverage = walkCoverage(
    commonStarts(distinctReadings(recurrence, day).map(startsUnder)),
    google,
    {
      cap: options.cap,
      maxExtra: options.maxExtra,
    },
  );
  options.budget.spend(1 + Math.ceil(made / STARTS_PER_STEP), 'searching a Zoom series');
  return coverage;
}

/**
 * Issue 2, item 4: a monthly day of 29–31 is a series only while every month in the window has
 * that day (Zoom does not say what it does in a shorter month), so the window may end there.
 */
function cutsOnReadings(recurrence: ZoomRecurrence): boolean {
  return recurrence.type === 3 && (recurrence.monthly_day ?? 0) >= 29;
}

/**
 * Whether a candidate's run is a series worth making: the whole window; or a run that repeats
 * (two occurrences or more) and ends where the series runs out of occurrences or extras, steps
 * over an occurrence, or its readings part (the window moves on before it ends); or, on the
 * 29th–31st, a run Zoom's readings of a shorter month cut (issue 2, item 4).
 */
function acceptable({ candidate, coverage }: Evaluated, wanted: number): boolean {
  return acceptableRun(candidate.recurrence, coverage.stop, coverage.covered, wanted);
}

function acceptableRun(
  recurrence: ZoomRecurrence,
  stop: CoverageStop,
  covered: number,
  wanted: number,
): boolean {
  if (stop === 'complete') return covered >= 1;
  if (stop === 'readings' && cutsOnReadings(recurrence)) return covered >= 1;
  return covered >= Math.min(2, wanted);
}

function rank(a: Evaluated, b: Evaluated): number {
  const x = a.coverage;
  const y = b.coverage;
  const wholeX = x.stop === 'complete';
  const wholeY = y.stop === 'complete';
  if (wholeX !== wholeY) return wholeX ? -1 : 1;
  return (
    (1 + x.extras) / x.covered - (1 + y.extras) / y.covered ||
    y.covered - x.covered ||
    a.candidate.periodDays - b.candidate.periodDays ||
    a.candidate.recurrence.repeat_interval - b.candidate.recurrence.repeat_interval ||
    a.candidate.recurrence.type - b.candidate.recurrence.type ||
    dayCount(a.candidate.recurrence) - dayCount(b.candidate.recurrence)
  );
}

const dayCount = (r: ZoomRecurrence): number => (r.weekly_days ?? '').split(',').length;

function periodOf(recurrence: ZoomRecurrence): number {
  const unit = { 1: 1, 2: 7, 3: 30 }[recurrence.type];
  return unit * recurrence.repeat_interval;
}

/**
 * Why no series: the second occurrence is at another clock time, or no candidate reaches it
 * within the limits (the closest named), or none could be proven.
 */
function closestMiss(
  evaluated: readonly Evaluated[],
  window: readonly GoogleOccurrence[],
  options: SearchOptions,
  proofsFailed: boolean,
): FallbackReason {
  const [first, second] = window;
  if (first === undefined || second === undefined)
    return { code: 'no_covering_series', why: 'no occurrence to cover' };
  if (timeOfDay(second.floatingMs) !== timeOfDay(first.floatingMs)) {
    return {
      code: 'time_of_day_rule',
      why: `${first.localStart} and ${second.localStart} are at different clock times, and a Zoom series has one`,
    };
  }
  // The closest: the most occurrences covered; then one that was still on its way to the next
  // (it ran out of extras or of its cap, rather than stepping over it), the longest period first
  // (it needs the fewest extras to get there); then the fewest extras.
  const closeness = (e: Evaluated): number[] => [
    e.coverage.covered,
    e.coverage.stop === 'miss' ? 0 : 1,
    e.candidate.periodDays,
    -e.coverage.extras,
  ];
  const closer = (e: Evaluated, best: Evaluated): boolean => {
    const [a, b] = [closeness(e), closeness(best)];
    const i = a.findIndex((v, k) => v !== b[k]);
    return i >= 0 && a[i]! > b[i]!;
  };
  let closest: Evaluated | undefined;
  for (const e of evaluated) if (!closest || closer(e, closest)) closest = e;
  const pattern = closest ? describePattern(closest.candidate.recurrence) : 'none';
  if (proofsFailed) {
    return {
      code: 'no_covering_series',
      why: `no Zoom series holds the next occurrences under every reading of Zoom's documents (the closest: ${pattern})`,
    };
  }
  const days = Math.round(
    (floatingDay(second.floatingMs) - floatingDay(first.floatingMs)) / DAY_MS,
  );
  return {
    code: 'too_many_extras',
    why: `${second.localStart} comes ${days} days after ${first.localStart}, and no Zoom pattern holds both with at most ${options.maxExtra} extra occurrences (recurrence.maxExtraOccurrences) in ${options.cap} (recurrence.cap); the closest is ${pattern}`,
  };
}
