import type { ZoomMeetingRequest, ZoomRecurrence } from '../domain/zoom-meeting.js';
import { ZoomlinkError } from '../errors.js';
import { LIKELY_ZOOM_READING, ZOOM_READINGS, type ZoomReading } from './zoom-reading.js';
import {
  DAY_MS,
  daysInMonth,
  floatingDay,
  floatingOf,
  isKnownZone,
  resolveWallClock,
  timeOfDay,
  wallClockOf,
  weekdayOf,
} from './zone-time.js';

/** A Zoom meeting request that Zoom would refuse (or whose meaning its documents leave open). */
export class ZoomSeriesInvalid extends ZoomlinkError {
  readonly field: string;
  constructor(field: string, problem: string) {
    super('ZOOM_SERIES_INVALID', `${field}: ${problem}`);
    this.field = field;
  }
}

/** Zoom's limits on `repeat_interval` per recurrence type (SPEC, REC): 90 days, 12 weeks, 3 months. */
export const ZOOM_MAX_INTERVAL = { 1: 90, 2: 12, 3: 3 } as const;
/** "Recurring meetings can have a maximum of 50 occurrences" (SUP; SPEC occurrence_id text). */
export const ZOOM_MAX_OCCURRENCES = 50;

export interface ExpandZoomOptions {
  /** How to read what Zoom leaves undocumented; defaults to the likeliest reading. */
  reading?: ZoomReading;
  /** At most this many occurrences (needed when `end_times` is 0, "no end"). */
  limit?: number;
}

/**
 * The UTC starts of a Zoom meeting's occurrences, computed from Zoom's documents alone: type 2 is
 * its `start_time`; type 3 has none; type 8 repeats from `start_time` (wall-clock time in
 * `timezone`, kept across DST) by `recurrence` — daily every N days, weekly on `weekly_days`
 * (1 = Sunday … 7 = Saturday) every N weeks, monthly on `monthly_day` or on the
 * `monthly_week`/`monthly_week_day` weekday every N months — ending after `end_times`
 * occurrences (default 1; 0 = no end) or at `end_date_time`.
 */
export function expandZoomSeries(
  request: ZoomMeetingRequest,
  options: ExpandZoomOptions = {},
): Date[] {
  const { zone, starts } = zoomWallClockStarts(request, options);
  return [...starts].map((floating) => new Date(resolveWallClock(floating, zone).instantMs));
}

/**
 * The same occurrences as `expandZoomSeries`, as wall-clock times in the meeting's zone (floating
 * ms, see zone-time.ts), before they are placed in the zone: two readings that give the same
 * wall-clock times give the same instants, so a proof compares these and places one list. The
 * request is checked at once; its occurrences are made as far as they are read.
 */
export function zoomWallClockStarts(
  request: ZoomMeetingRequest,
  options: ExpandZoomOptions = {},
): { zone: string; startDay: number | undefined; starts: Iterable<number> } {
  const reading = options.reading ?? LIKELY_ZOOM_READING;
  const limit = options.limit ?? Number.POSITIVE_INFINITY;
  const zone = request.timezone ?? '';
  if (request.type === 3) return { zone, startDay: undefined, starts: [] };
  if (!isKnownZone(zone)) {
    // Without it Zoom uses the host's zone, which a pure function cannot know.
    throw new ZoomSeriesInvalid(
      'timezone',
      `"${String(request.timezone)}" is not a known IANA time zone`,
    );
  }
  const startFloating = parseStartTime(request.start_time, zone);
  const startDay = floatingDay(startFloating);
  if (request.type === 2) return { zone, startDay, starts: [startFloating] };
  if (request.type !== 8)
    throw new ZoomSeriesInvalid('type', `${String(request.type)} is not 2, 3 or 8`);
  const recurrence = request.recurrence;
  if (recurrence === undefined) throw new ZoomSeriesInvalid('recurrence', 'is required for type 8');

  const end = endOf(recurrence);
  if (end.count === 0 && end.untilMs === undefined && !Number.isFinite(limit)) {
    throw new RangeError('expandZoomSeries needs options.limit for a series with no end');
  }
  const tod = timeOfDay(startFloating);
  const days = zoomOccurrenceDays(recurrence, startDay, reading);
  function* starts(): Generator<number> {
    let made = 0;
    for (const day of days) {
      const floating = day + tod;
      if (end.untilMs !== undefined && resolveWallClock(floating, zone).instantMs > end.untilMs)
        return;
      yield floating;
      made += 1;
      if (made === end.count || made >= limit) return;
      if (end.count === undefined && made > ZOOM_MAX_OCCURRENCES) {
        throw new ZoomSeriesInvalid(
          'recurrence.end_date_time',
          `makes more than ${ZOOM_MAX_OCCURRENCES} occurrences; what Zoom does then is undocumented`,
        );
      }
    }
  }
  return { zone, startDay, starts: starts() };
}

function parseStartTime(text: string | undefined, zone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(Z?)$/.exec(text ?? '');
  if (!m) throw new ZoomSeriesInvalid('start_time', `"${String(text)}" is not yyyy-MM-ddTHH:mm:ss`);
  const [, y, mo, d, h, mi, s, z] = m;
  const floating = floatingOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s));
  // SPEC: "yyyy-MM-ddTHH:mm:ssZ" is GMT and the timezone is then not used for the start.
  return z ? wallClockOf(floating, zone) : floating;
}

interface End {
  /** Occurrences to make; 0 = no end. Undefined when the series ends by date. */
  count?: number;
  untilMs?: number;
}

function endOf(recurrence: ZoomRecurrence): End {
  const { end_times: times, end_date_time: until } = recurrence;
  if (times !== undefined && until !== undefined) {
    // "Cannot be used with end_date_time" (SPEC); what Zoom answers to both is undocumented.
    throw new ZoomSeriesInvalid(
      'recurrence.end_times',
      'cannot be given together with end_date_time',
    );
  }
  if (until !== undefined) {
    const ms = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(until)
      ? Date.parse(until)
      : Number.NaN;
    if (!Number.isFinite(ms))
      throw new ZoomSeriesInvalid(
        'recurrence.end_date_time',
        `"${until}" is not a UTC yyyy-MM-ddTHH:mm:ssZ`,
      );
    // Read as "occurrences starting at or before this instant"; zoomlink never sends it because
    // whether Zoom treats it as the whole local day is UNCONFIRMED (a spec example hints so).
    return { untilMs: ms };
  }
  const count = times ?? 1; // REC: end_times defaults to 1.
  if (!Number.isInteger(count) || count < 0 || count > ZOOM_MAX_OCCURRENCES) {
    throw new ZoomSeriesInvalid(
      'recurrence.end_times',
      `${count} is not 0..${ZOOM_MAX_OCCURRENCES}`,
    );
  }
  return { count };
}

/**
 * Floating midnights of a recurrence's occurrence days, in order, from the start day on (its
 * end, `end_times` or `end_date_time`, is the caller's). Throws `ZoomSeriesInvalid` for a
 * recurrence Zoom would refuse.
 */
export function* zoomOccurrenceDays(
  recurrence: ZoomRecurrence,
  startDay: number,
  reading: ZoomReading,
): Generator<number> {
  const type = recurrence.type;
  if (type !== 1 && type !== 2 && type !== 3) {
    throw new ZoomSeriesInvalid(
      'recurrence.type',
      `${String(type)} is not 1 (daily), 2 (weekly) or 3 (monthly)`,
    );
  }
  const interval = recurrence.repeat_interval ?? 1;
  if (!Number.isInteger(interval) || interval < 1 || interval > ZOOM_MAX_INTERVAL[type]) {
    throw new ZoomSeriesInvalid(
      'recurrence.repeat_interval',
      `${interval} is not 1..${ZOOM_MAX_INTERVAL[type]}`,
    );
  }
  if (type === 1) {
    for (let k = 0; ; k += 1) yield startDay + k * interval * DAY_MS;
  }
  if (type === 2) {
    yield* weeklyDays(recurrence, interval, startDay, reading);
    return;
  }
  yield* monthlyDays(recurrence, interval, startDay, reading);
}

/**
 * One reading per distinct answer Zoom's undocumented behaviour can give for this recurrence
 * from this start day (each stands for the readings that make exactly its days): the week start
 * matters only every N > 1 weeks, a short month only on the 29th–31st, and an off-rule start only
 * when the start day is not one the recurrence makes. A proof under these readings is a proof
 * under all of `ZOOM_READINGS`, at a fraction of the work (most series have one).
 */
export function distinctReadings(recurrence: ZoomRecurrence, startDay: number): ZoomReading[] {
  const byWeekStart = recurrence.type === 2 && (recurrence.repeat_interval ?? 1) > 1;
  const byShortMonth =
    recurrence.type === 3 &&
    recurrence.monthly_week === undefined &&
    recurrence.monthly_week_day === undefined &&
    (recurrence.monthly_day ?? 1) >= 29;
  const chosen = new Map<string, ZoomReading>();
  for (const reading of ZOOM_READINGS) {
    const skipped = zoomOccurrenceDays(recurrence, startDay, {
      ...reading,
      offRuleStart: 'skipped',
    });
    const offRule = skipped.next().value !== startDay;
    const key = [
      byWeekStart ? reading.weekStart : '',
      byShortMonth ? reading.shortMonth : '',
      offRule ? reading.offRuleStart : '',
    ].join('/');
    if (!chosen.has(key)) chosen.set(key, reading);
  }
  return [...chosen.values()];
}

function* weeklyDays(
  recurrence: ZoomRecurrence,
  interval: number,
  startDay: number,
  reading: ZoomReading,
): Generator<number> {
  const text = recurrence.weekly_days ?? '1'; // REC: defaults to "1" (Sunday).
  if (!/^[1-7](,[1-7])*$/.test(text)) {
    throw new ZoomSeriesInvalid(
      'recurrence.weekly_days',
      `"${text}" is not comma-separated digits 1 (Sunday) .. 7 (Saturday)`,
    );
  }
  const weekStart = reading.weekStart === 'sunday' ? 0 : 1; // as a 0 = Sunday weekday
  const positions = [
    ...new Set(text.split(',').map((d) => (Number(d) - 1 - weekStart + 7) % 7)),
  ].sort((a, b) => a - b);
  const startPosition = (weekdayOf(startDay) - weekStart + 7) % 7;
  if (!positions.includes(startPosition) && reading.offRuleStart === 'occurrence') yield startDay;
  const firstWeek = startDay - startPosition * DAY_MS;
  for (let w = 0; ; w += 1) {
    const week = firstWeek + w * interval * 7 * DAY_MS;
    for (const p of positions) {
      const day = week + p * DAY_MS;
      if (day >= startDay) yield day;
    }
  }
}

function* monthlyDays(
  recurrence: ZoomRecurrence,
  interval: number,
  startDay: number,
  reading: ZoomReading,
): Generator<number> {
  const byWeek = recurrence.monthly_week !== undefined || recurrence.monthly_week_day !== undefined;
  if (byWeek && recurrence.monthly_day !== undefined) {
    // Which form wins when both are sent is undocumented (the spec and Zoom's recurrence docs
    // only say they are alternatives).
    throw new ZoomSeriesInvalid(
      'recurrence.monthly_day',
      'cannot be given together with monthly_week',
    );
  }
  const dayIn = byWeek ? nthWeekdayOf(recurrence) : monthDayOf(recurrence, reading);
  const start = new Date(startDay);
  const startYear = start.getUTCFullYear();
  const startMonth = start.getUTCMonth(); // 0-based
  if (dayIn(startYear, startMonth + 1) !== startDay && reading.offRuleStart === 'occurrence')
    yield startDay;
  for (let k = 0; ; k += 1) {
    const months = startMonth + k * interval;
    const year = startYear + Math.floor(months / 12);
    const day = dayIn(year, (months % 12) + 1);
    if (day !== undefined && day >= startDay) yield day;
    if (k > 100_000) return; // a day that never occurs; cannot happen with validated input
  }
}

function monthDayOf(
  recurrence: ZoomRecurrence,
  reading: ZoomReading,
): (year: number, month: number) => number | undefined {
  const want = recurrence.monthly_day ?? 1; // REC: defaults to 1.
  if (!Number.isInteger(want) || want < 1 || want > 31) {
    throw new ZoomSeriesInvalid('recurrence.monthly_day', `${want} is not 1..31`);
  }
  return (year, month) => {
    const last = daysInMonth(year, month);
    if (want <= last) return floatingOf(year, month, want);
    return reading.shortMonth === 'last_day' ? floatingOf(year, month, last) : undefined;
  };
}

function nthWeekdayOf(recurrence: ZoomRecurrence): (year: number, month: number) => number {
  const week = recurrence.monthly_week;
  const weekday = recurrence.monthly_week_day;
  if (week === undefined || ![-1, 1, 2, 3, 4].includes(week)) {
    throw new ZoomSeriesInvalid(
      'recurrence.monthly_week',
      `${String(week)} is not -1 (last), 1, 2, 3 or 4`,
    );
  }
  if (weekday === undefined || !Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new ZoomSeriesInvalid(
      'recurrence.monthly_week_day',
      `${String(weekday)} is not 1 (Sunday) .. 7 (Saturday)`,
    );
  }
  const target = weekday - 1; // 0 = Sunday
  return (year, month) => {
    if (week === -1) {
      const last = floatingOf(year, month, daysInMonth(year, month));
      return last - ((weekdayOf(last) - target + 7) % 7) * DAY_MS;
    }
    const first = floatingOf(year, month, 1);
    return first + (((target - weekdayOf(first) + 7) % 7) + (week - 1) * 7) * DAY_MS;
  };
}
