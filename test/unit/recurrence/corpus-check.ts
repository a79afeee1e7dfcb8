import { DateTime } from 'luxon';
import type { GoogleEventResource } from '../../../src/domain/calendar-event.js';
import {
  convertEvent,
  EventInputError,
  expandGoogleSeries,
  expandZoomSeries,
  SERIES_START_MARGIN_MS,
  ZOOM_READINGS,
  type ConversionResult,
  type ConvertOptions,
} from '../../../src/recurrence/index.js';
import { exhaustiveSearch } from './exhaustive-search.js';

/**
 * A recurrence as a corpus holds it (RFC 5545's examples, library test suites, real Google
 * rules, hard cases): a start as wall-clock time in a zone, a length, Google's recurrence lines,
 * and the moment it is converted (default: a day before it starts).
 */
export interface CorpusCase {
  name: string;
  source?: string;
  zone: string;
  /** Wall-clock start, `YYYY-MM-DDTHH:mm[:ss]`. */
  start: string;
  minutes?: number;
  lines: string[];
  now?: string;
}

/** How one case came out, judged against Google's expansion and the exhaustive oracle. */
export interface Verdict {
  /**
   * `exact`: a series holding every occurrence; `window`: a series holding the whole window of a
   * longer series; `partial`: a series holding part of the window (its cap or extras ran out);
   * `fallback`, `single`, `skip`, `invalid` (EVENT_INVALID).
   */
  kind: 'exact' | 'window' | 'partial' | 'fallback' | 'single' | 'skip' | 'invalid';
  /** What is wrong with the meeting, if anything: never acceptable. */
  wrong?: string;
  /** A series the oracle finds that the converter did not take (a fallback, or fewer extras). */
  missed?: string;
  extras: number;
  detail: string;
  result?: ConversionResult;
}

export function eventOf(c: CorpusCase): GoogleEventResource {
  const start = DateTime.fromISO(c.start, { zone: c.zone });
  if (!start.isValid) throw new Error(`${c.name}: bad start ${c.start}`);
  const end = start.plus({ minutes: c.minutes ?? 60 });
  return {
    summary: c.name.slice(0, 80),
    start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: c.zone },
    end: { dateTime: end.toISO({ suppressMilliseconds: true })!, timeZone: c.zone },
    recurrence: c.lines,
  };
}

export function nowOf(c: CorpusCase): Date {
  if (c.now) return new Date(c.now);
  return DateTime.fromISO(c.start, { zone: c.zone }).minus({ days: 1 }).toJSDate();
}

const utcMs = (iso: string): number => Date.parse(iso);

/** Converts a case and judges the answer. `oracle: false` skips the exhaustive search. */
export function judge(c: CorpusCase, options: ConvertOptions, oracle = true): Verdict {
  const event = eventOf(c);
  const now = nowOf(c);
  let result: ConversionResult;
  try {
    result = convertEvent(event, now, options);
  } catch (error) {
    if (error instanceof EventInputError)
      return { kind: 'invalid', extras: 0, detail: error.message };
    throw error;
  }
  const maxExtra = options.maxExtraOccurrences ?? 40;
  if (result.strategy === 'no_fixed_time' && result.occurrences.length === 0)
    return { kind: 'fallback', extras: 0, detail: result.reason, result };
  const notOver = expandGoogleSeries(event, { from: now, limit: options.cap + 2 });
  const upcoming = notOver.filter(
    (o) => o.start.getTime() > now.getTime() + SERIES_START_MARGIN_MS,
  );
  const window = upcoming.slice(0, options.cap);
  const verdict = (kind: Verdict['kind'], detail: string, extras = 0): Verdict => ({
    kind,
    extras,
    detail,
    result,
  });

  if (result.strategy === 'skip') return verdict('skip', result.reason);
  if (result.strategy === 'single') {
    const zoom = expandZoomSeries(result.meeting).map((d) => d.getTime());
    const v = verdict('single', 'single');
    if (zoom.join() !== result.occurrences.map(utcMs).join()) v.wrong = 'the single is elsewhere';
    return v;
  }
  if (result.strategy === 'series') {
    const deleted = new Set(result.deleteOccurrences.map(utcMs));
    const google = window.map((o) => o.start.getTime());
    const covered = result.occurrences.map(utcMs);
    const kind =
      covered.length === upcoming.length
        ? 'exact'
        : covered.length === window.length
          ? 'window'
          : 'partial';
    const v = verdict(kind, result.summary, deleted.size);
    if (covered.join() !== google.slice(0, covered.length).join())
      v.wrong = 'the covered occurrences are not the next ones';
    for (const reading of ZOOM_READINGS) {
      const zoom = expandZoomSeries(result.meeting, { reading }).map((d) => d.getTime());
      if (![...deleted].every((d) => zoom.includes(d)))
        v.wrong = `a deletion is not a Zoom occurrence (${JSON.stringify(reading)})`;
      if (zoom.filter((z) => !deleted.has(z)).join() !== covered.join())
        v.wrong = `Zoom minus deletions is not Google (${JSON.stringify(reading)})`;
    }
    if (deleted.size > maxExtra) v.wrong = `${deleted.size} deletions`;
    if (oracle && kind !== 'exact') {
      const best = exhaustiveSearch(result.meeting, window, { cap: options.cap, maxExtra });
      if (best.whole && kind === 'partial')
        v.missed = `a whole window: ${JSON.stringify(best.whole.request.recurrence)}`;
    }
    if (oracle && kind !== 'partial') {
      const best = exhaustiveSearch(result.meeting, window, { cap: options.cap, maxExtra });
      if (best.whole && best.whole.extra.length < deleted.size)
        v.missed = `fewer extras: ${JSON.stringify(best.whole.request.recurrence)} (${best.whole.extra.length})`;
    }
    return v;
  }
  const v = verdict('fallback', result.reason);
  if (result.strategy === 'per_occurrence') {
    for (const { occurrence, request } of result.meetings) {
      const [zoom] = expandZoomSeries(request);
      if (zoom?.getTime() !== utcMs(occurrence)) v.wrong = `a meeting is not at ${occurrence}`;
    }
  }
  const first = window[0];
  const gapOrTwice = window.some((o) => o.wallClock !== 'exact');
  if (oracle && first && !gapOrTwice && result.reasonCode !== 'recurrence_too_complex') {
    const base = {
      type: 8 as const,
      topic: 't',
      start_time: first.localStart,
      timezone: c.zone,
      duration: c.minutes ?? 60,
    };
    const best = exhaustiveSearch(base, window, { cap: options.cap, maxExtra });
    const found = best.whole ?? best.longest;
    if (found)
      v.missed = `${best.whole ? 'whole' : 'partial'}: ${JSON.stringify(found.request.recurrence)} (${found.extra.length} extras, ${found.covered.length} covered)`;
  }
  return v;
}
