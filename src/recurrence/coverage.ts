/**
 * How far a Zoom series covers Google's occurrences: the one walk that both the search for a
 * series (on wall-clock times, for many candidates) and its proof (on instants, for the one
 * chosen) make, so that the two cannot judge a candidate differently.
 */

/** Why a covered prefix ends where it does. */
export type CoverageStop =
  /** Every occurrence asked about is covered. */
  | 'complete'
  /** The series would need more than `cap` occurrences to reach the next one. */
  | 'cap'
  /** It would need more than `maxExtra` extra occurrences (deleted after creation) to reach it. */
  | 'extras'
  /** The series' occurrences end early: Zoom's undocumented readings part there. */
  | 'readings'
  /** The series steps over the next occurrence (or does not start on the first). */
  | 'miss';

/**
 * The prefix of Google's occurrences a series holds exactly when it ends (`end_times`) at the
 * last of them: every Google occurrence up to there is one of its occurrences, and its other
 * occurrences up to there are extras, deleted after it is made.
 */
export interface Coverage {
  /** Google occurrences covered: a prefix of those asked about, in order. */
  covered: number;
  /** The series' `end_times`: it ends at the last covered occurrence. */
  endTimes: number;
  /** Occurrences of the series, up to its end, that Google does not have. */
  extras: number;
  stop: CoverageStop;
}

export interface CoverageLimits {
  /** Most occurrences the series may have (its `end_times`). */
  cap: number;
  /** Most extra occurrences, to be deleted, it may have up to its end. */
  maxExtra: number;
}

/**
 * Walks the series' starts (`zoom`, in order, consumed only as far as needed) beside Google's
 * (`google`, in order; the same clock: wall-clock ms or instants). The series must start on the
 * first Google occurrence; the walk stops where it covers them all, where the series steps over
 * the next one, where reaching it would take more than `cap` occurrences or more than `maxExtra`
 * extra ones, or where `zoom` runs out before `cap` (its readings part).
 */
export function walkCoverage(
  zoom: Iterable<number>,
  google: readonly number[],
  limits: CoverageLimits,
): Coverage {
  let covered = 0;
  let seen = 0;
  let endTimes = 0;
  const stopped = (stop: CoverageStop): Coverage => ({
    covered,
    endTimes,
    extras: endTimes - covered,
    stop,
  });
  for (const start of zoom) {
    if (covered === google.length) break;
    if (seen === limits.cap) return stopped('cap');
    const wanted = google[covered]!;
    if (wanted < start || (seen === 0 && wanted !== start)) return stopped('miss');
    seen += 1;
    if (wanted === start) {
      covered += 1;
      endTimes = seen;
    } else if (seen - covered > limits.maxExtra) {
      return stopped('extras');
    }
  }
  if (covered === google.length) return stopped('complete');
  return stopped(seen >= limits.cap ? 'cap' : 'readings');
}

/**
 * The starts every list gives alike, lazily: lists that part end the common run there (each
 * iterator is advanced in step with the others, so a candidate that misses early costs little).
 */
export function* commonStarts(lists: Iterable<number>[]): Generator<number> {
  const iterators = lists.map((list) => list[Symbol.iterator]());
  for (;;) {
    let value: number | undefined;
    for (const iterator of iterators) {
      const next = iterator.next();
      if (next.done) return;
      if (value === undefined) value = next.value;
      else if (next.value !== value) return;
    }
    if (value === undefined) return;
    yield value;
  }
}
