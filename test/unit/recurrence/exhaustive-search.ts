import type { ZoomMeetingRequest, ZoomRecurrence } from '../../../src/domain/zoom-meeting.js';
import {
  ZOOM_MAX_INTERVAL,
  type GoogleOccurrence,
  WorkBudget,
} from '../../../src/recurrence/index.js';
import { proveSeries, type ProvenSeries } from '../../../src/recurrence/prove-series.js';

/**
 * An oracle for the search (tests and the corpus benchmark only): every pattern of Zoom's space
 * that can start on the window's first occurrence — daily every 1–90 days, weekly every 1–12
 * weeks on every set of weekdays holding that day, monthly every 1–3 months on its day, its nth
 * or its last weekday — proven one by one, without the search's shortcuts. Slow (hundreds of
 * proofs), and independent of `seriesCandidates`.
 */
export function everyZoomPattern(first: GoogleOccurrence): ZoomRecurrence[] {
  const day = new Date(first.floatingMs);
  const weekday = day.getUTCDay(); // 0 = Sunday
  const patterns: ZoomRecurrence[] = [];
  for (let n = 1; n <= ZOOM_MAX_INTERVAL[1]; n += 1) patterns.push({ type: 1, repeat_interval: n });
  for (let mask = 1; mask < 128; mask += 1) {
    if ((mask & (1 << weekday)) === 0) continue;
    const days = [0, 1, 2, 3, 4, 5, 6].filter((d) => mask & (1 << d)).map((d) => d + 1);
    for (let n = 1; n <= ZOOM_MAX_INTERVAL[2]; n += 1)
      patterns.push({ type: 2, repeat_interval: n, weekly_days: days.join(',') });
  }
  const date = day.getUTCDate();
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth();
  const monthDays = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const zoomWeekday = (weekday + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
  for (let n = 1; n <= ZOOM_MAX_INTERVAL[3]; n += 1) {
    patterns.push({ type: 3, repeat_interval: n, monthly_day: date });
    const nth = Math.ceil(date / 7);
    if (nth <= 4)
      patterns.push({
        type: 3,
        repeat_interval: n,
        monthly_week: nth as 1 | 2 | 3 | 4,
        monthly_week_day: zoomWeekday,
      });
    if (date + 7 > monthDays)
      patterns.push({
        type: 3,
        repeat_interval: n,
        monthly_week: -1,
        monthly_week_day: zoomWeekday,
      });
  }
  return patterns;
}

export interface OracleAnswer {
  /** The proven series that covers the whole window with the fewest extras, if any does. */
  whole?: ProvenSeries;
  /** The proven series covering the most of the window (at least two occurrences), if any. */
  longest?: ProvenSeries;
}

/** Every pattern proven against the window, as `convertEvent` proves its choice. */
export function exhaustiveSearch(
  base: ZoomMeetingRequest,
  window: readonly GoogleOccurrence[],
  limits: { cap: number; maxExtra: number },
): OracleAnswer {
  const answer: OracleAnswer = {};
  const [first] = window;
  if (first === undefined) return answer;
  for (const recurrence of everyZoomPattern(first)) {
    const proof = proveSeries({ ...base, recurrence }, window, {
      ...limits,
      budget: new WorkBudget(1_000_000),
    });
    if (!proof.ok) continue;
    const series = proof.series;
    const cut = recurrence.type === 3 && (recurrence.monthly_day ?? 0) >= 29;
    if (series.stop === 'readings' && cut && series.covered.length === 1 && !answer.longest) {
      answer.longest = series;
    } else if (series.stop === 'complete') {
      if (!answer.whole || series.extra.length < answer.whole.extra.length) answer.whole = series;
    } else if (
      series.covered.length >= 2 &&
      (!answer.longest || series.covered.length > answer.longest.covered.length)
    ) {
      answer.longest = series;
    }
  }
  return answer;
}
