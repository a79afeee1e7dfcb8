import type { EventDateTime, GoogleEventResource } from '../domain/calendar-event.js';
import { EventInputError } from './event-input-error.js';
import { isRealDate } from './parse-rrule.js';
import { parseRecurrence, type ParsedRecurrence } from './parse-recurrence.js';
import { floatingOf, isKnownZone, resolveWallClock, wallClockOf } from './zone-time.js';

/** A Google event resource read into the terms the engine computes with. */
export interface ParsedEvent {
  allDay: boolean;
  /** The IANA zone the series is expanded in and Zoom is told (`UTC` when Google gave none). */
  zone: string;
  /** DTSTART: the instant, and its wall-clock time in `zone`. */
  startInstantMs: number;
  startFloatingMs: number;
  /** end − start: exact milliseconds (timed) or whole days (all-day). */
  durationMs: number;
  /** null for a single event. */
  recurrence: ParsedRecurrence | null;
  summary: string;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Validates and reads an event resource. Every problem is an `EventInputError` naming the field:
 * no start, a start that is neither `dateTime` nor `date`, an unknown time zone, an end before
 * the start, a malformed recurrence line.
 */
export function parseEvent(event: GoogleEventResource): ParsedEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new EventInputError('event', 'must be a JSON object (a Google Calendar event resource)');
  }
  const start = readEventDateTime(event.start, 'start');
  const end = readEventDateTime(event.end, 'end');
  if (start.allDay !== end.allDay) {
    throw new EventInputError('end', `must be a ${start.allDay ? 'date' : 'dateTime'} like start`);
  }
  const recurrence =
    event.recurrence === undefined || event.recurrence === null
      ? null
      : parseRecurrence(event.recurrence);
  if (recurrence && !start.allDay && start.zone === undefined) {
    // Google: timeZone is "required for recurring events"; it is the zone the rule is expanded in.
    throw new EventInputError(
      'start.timeZone',
      'is required for a recurring event (the zone its recurrence is expanded in)',
    );
  }
  const zone = start.zone ?? 'UTC';
  const summary = typeof event.summary === 'string' ? event.summary : '';

  if (start.allDay) {
    const durationMs = end.floatingMs - start.floatingMs;
    if (durationMs < 0)
      throw new EventInputError('end', `${end.text} is before start ${start.text}`);
    return {
      allDay: true,
      zone,
      startInstantMs: resolveWallClock(start.floatingMs, zone).instantMs,
      startFloatingMs: start.floatingMs,
      durationMs,
      recurrence,
      summary,
    };
  }
  const startInstantMs = start.instantMs ?? resolveWallClock(start.floatingMs, zone).instantMs;
  const endInstantMs =
    end.instantMs ?? resolveWallClock(end.floatingMs, end.zone ?? zone).instantMs;
  if (endInstantMs < startInstantMs)
    throw new EventInputError('end', `${end.text} is before start ${start.text}`);
  return {
    allDay: false,
    zone,
    startInstantMs,
    startFloatingMs: wallClockOf(startInstantMs, zone),
    durationMs: endInstantMs - startInstantMs,
    recurrence,
    summary,
  };
}

interface ReadDateTime {
  allDay: boolean;
  text: string;
  /** For all-day: the date's midnight; for timed: the written local time (offset ignored). */
  floatingMs: number;
  /** Timed with an offset (or `Z`): the exact instant. */
  instantMs?: number;
  zone?: string;
}

function readEventDateTime(value: EventDateTime | undefined, field: string): ReadDateTime {
  if (value === undefined || value === null) throw new EventInputError(field, 'is missing');
  if (typeof value !== 'object' || Array.isArray(value))
    throw new EventInputError(field, 'must be an object with dateTime or date');
  const { dateTime, date, timeZone } = value;
  let zone: string | undefined;
  if (timeZone !== undefined && timeZone !== null && timeZone !== '') {
    if (typeof timeZone !== 'string' || !isKnownZone(timeZone)) {
      throw new EventInputError(
        `${field}.timeZone`,
        `"${String(timeZone)}" is not a known IANA time zone (e.g. Asia/Taipei)`,
      );
    }
    zone = timeZone;
  }
  if (dateTime !== undefined && dateTime !== null) {
    if (typeof dateTime !== 'string')
      throw new EventInputError(`${field}.dateTime`, 'must be a string');
    const m = RFC3339.exec(dateTime.trim());
    if (!m)
      throw new EventInputError(
        `${field}.dateTime`,
        `"${dateTime}" is not an RFC 3339 date-time like 2021-12-17T18:00:00+08:00`,
      );
    const [, y, mo, d, h, mi, s, frac, offset] = m;
    const floating =
      floatingOf(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s)) +
      Math.floor(Number(frac ?? 0) * 1000);
    if (
      !isRealDate(floatingOf(Number(y), Number(mo), Number(d)), Number(y), Number(mo), Number(d)) ||
      Number(h) > 23 ||
      Number(mi) > 59 ||
      Number(s) > 59
    ) {
      throw new EventInputError(`${field}.dateTime`, `"${dateTime}" is not a real date-time`);
    }
    const read: ReadDateTime = { allDay: false, text: dateTime, floatingMs: floating };
    if (zone !== undefined) read.zone = zone;
    if (offset !== undefined) {
      read.instantMs = floating - offsetOfText(offset) * 60_000;
    } else if (zone === undefined) {
      // Google: "A time zone offset is required unless a time zone is explicitly specified in timeZone."
      throw new EventInputError(
        `${field}.dateTime`,
        `"${dateTime}" has no UTC offset and ${field}.timeZone is not given`,
      );
    }
    return read;
  }
  if (date !== undefined && date !== null) {
    if (typeof date !== 'string') throw new EventInputError(`${field}.date`, 'must be a string');
    const m = DATE.exec(date.trim());
    const floating = m ? floatingOf(Number(m[1]), Number(m[2]), Number(m[3])) : Number.NaN;
    if (!m || !isRealDate(floating, Number(m[1]), Number(m[2]), Number(m[3]))) {
      throw new EventInputError(`${field}.date`, `"${date}" is not a date like 2021-12-17`);
    }
    const read: ReadDateTime = { allDay: true, text: date, floatingMs: floating };
    if (zone !== undefined) read.zone = zone;
    return read;
  }
  throw new EventInputError(field, 'needs dateTime (a timed event) or date (an all-day event)');
}

/** Minutes east of UTC of `Z`, `+08:00` or `-04:30`. */
function offsetOfText(offset: string): number {
  if (offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6)));
}
