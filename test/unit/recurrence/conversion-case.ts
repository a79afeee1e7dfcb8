import { expect, it } from 'vitest';
import type { GoogleEventResource } from '../../../src/domain/calendar-event.js';
import {
  convertEvent,
  DEFAULT_MAX_EXTRA_OCCURRENCES,
  expandGoogleSeries,
  expandZoomSeries,
  SERIES_START_MARGIN_MS,
  ZOOM_MAX_INTERVAL,
  ZOOM_READINGS,
  type ConversionResult,
  type ConvertOptions,
} from '../../../src/recurrence/index.js';
import { defaults } from './event-fixture.js';

/** The occurrences a conversion covers, whatever its strategy (ISO UTC with milliseconds). */
export function occurrencesOf(result: ConversionResult): string[] {
  if (result.strategy === 'skip') return [];
  if (result.strategy === 'per_occurrence') return result.meetings.map((m) => m.occurrence);
  return result.occurrences;
}

const iso = (d: Date): string => d.toISOString();

/**
 * The promise of every conversion, checked on any answer (as rrule.js's `testRecurring` adds its
 * checks to every row): deterministic; its occurrences are Google's next ones, none skipped
 * (`expandGoogleSeries` is the truth); a series, expanded by our Zoom expander under every reading
 * of what Zoom leaves undocumented and minus its deletions, is exactly those occurrences, within
 * Zoom's limits and `maxExtraOccurrences`; a single or a per-occurrence meeting is at its
 * occurrence; a fallback has a reason. Never a wrong meeting.
 */
export function checkConversion(
  event: GoogleEventResource,
  now: Date,
  options: ConvertOptions,
  result: ConversionResult = convertEvent(event, now, options),
): ConversionResult {
  expect(convertEvent(event, now, options)).toEqual(result);
  if (result.strategy === 'skip') {
    expect(result.reason).toMatch(new RegExp(`^${result.reasonCode}: .+\\.$`));
    return result;
  }
  const unknown = result.strategy === 'no_fixed_time' && result.occurrences.length === 0;
  if (unknown) {
    expect(['not_expandable', 'recurrence_too_complex']).toContain(result.reasonCode);
    return result;
  }
  const notOver = expandGoogleSeries(event, { from: now, limit: options.cap + 2 });
  const begun = (o: { start: Date }) => o.start.getTime() <= now.getTime() + SERIES_START_MARGIN_MS;
  // A series starts at the first occurrence that has not begun (a past start would be "now" in
  // Zoom and shift the series); a single and the fallbacks at the first that is not over.
  const ahead = result.strategy === 'series' ? notOver.filter((o) => !begun(o)) : notOver;
  const expected = ahead.slice(0, options.cap + 1).map((o) => iso(o.start));
  const covered = occurrencesOf(result);
  const n = covered.length;
  expect(n).toBeGreaterThanOrEqual(1);
  expect(covered).toEqual(expected.slice(0, n));
  expect(result.window).toEqual({
    from: covered[0],
    to: covered[n - 1],
    complete: n === Math.min(ahead.length, options.cap + 1),
  });

  if (result.strategy === 'series') {
    const { meeting } = result;
    const recurrence = meeting.recurrence;
    expect(meeting.type).toBe(8);
    expect(meeting.start_time).toBe(ahead[0]?.localStart);
    expect(meeting.start_time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/); // never Z
    expect(recurrence?.end_times).toBeLessThanOrEqual(options.cap);
    expect(recurrence?.end_date_time).toBeUndefined();
    if (!recurrence) throw new Error('a series without recurrence');
    expect(recurrence.repeat_interval).toBeLessThanOrEqual(ZOOM_MAX_INTERVAL[recurrence.type]);
    expect(result.deleteOccurrences.length).toBeLessThanOrEqual(
      options.maxExtraOccurrences ?? DEFAULT_MAX_EXTRA_OCCURRENCES,
    );
    for (const reading of ZOOM_READINGS) {
      const zoom = expandZoomSeries(meeting, { reading }).map(iso);
      expect(zoom).toHaveLength(recurrence.end_times ?? 1);
      for (const d of result.deleteOccurrences) expect(zoom).toContain(d);
      expect(zoom.filter((s) => !result.deleteOccurrences.includes(s))).toEqual(covered);
    }
    expect(result.summary).toMatch(new RegExp(`, ${recurrence.end_times} occurrences?`));
    return result;
  }
  if (result.strategy === 'single') {
    expect(event.recurrence?.some((l) => /^(RRULE|RDATE)/.test(l))).toBeFalsy();
    expect(expandZoomSeries(result.meeting).map(iso)).toEqual(covered);
    return result;
  }
  expect(result.reason).toMatch(new RegExp(`^${result.reasonCode}: .+\\.$`));
  if (result.strategy === 'no_fixed_time') {
    expect(result.meeting).toEqual({ type: 3, topic: result.meeting.topic });
    return result;
  }
  for (const { occurrence, request } of result.meetings) {
    expect(request.type).toBe(2);
    expect(expandZoomSeries(request).map(iso)).toEqual([occurrence]);
  }
  expect(Date.parse(covered[n - 1] ?? '') - Date.parse(covered[0] ?? '')).toBeLessThan(
    options.perOccurrenceHorizonDays * 86_400_000,
  );
  return result;
}

export interface ConversionCase {
  event: GoogleEventResource;
  now: Date | string;
  options?: Partial<ConvertOptions>;
}

/**
 * A named conversion case: converts, runs `checkConversion` (the Zoom side cross-checked against
 * Google's occurrences), then matches `expected` (a part of the answer) or runs it as a check.
 */
export function conversionCase(
  name: string,
  input: ConversionCase,
  expected?: Record<string, unknown> | ((result: ConversionResult) => void),
): void {
  it(name, () => {
    const options = { ...defaults, ...input.options };
    const now = typeof input.now === 'string' ? new Date(input.now) : input.now;
    const result = checkConversion(input.event, now, options);
    if (typeof expected === 'function') expected(result);
    else if (expected) expect(result).toMatchObject(expected);
  });
}
