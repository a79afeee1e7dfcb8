import { DateTime } from 'luxon';
import { zone as luxonZone, zoneNamed } from './zones.js';

/**
 * An event's `start`/`end` (Google's EventDateTime) read into something that can be compared:
 * either a whole day, or an instant with the zone its wall-clock time belongs to.
 */
export type EventTime =
  | { allDay: true; date: string; timeZone?: string }
  | { allDay: false; instant: DateTime; timeZone?: string };

export class EventTimeError extends Error {}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;
const offsetPattern = /(Z|[+-]\d{2}:?\d{2})$/i;

export function isValidZone(zone: string): boolean {
  return zoneNamed(zone) !== undefined;
}

/**
 * Reads an EventDateTime (DISCO: "A time zone offset is required unless a time zone is
 * explicitly specified in timeZone"). Throws EventTimeError with Google's wording.
 */
export function parseEventTime(value: unknown, field: 'start' | 'end'): EventTime {
  if (typeof value !== 'object' || value === null)
    throw new EventTimeError(`Missing ${field} time.`);
  const { date, dateTime, timeZone } = value as Record<string, unknown>;
  if (
    timeZone !== undefined &&
    timeZone !== null &&
    (typeof timeZone !== 'string' || !isValidZone(timeZone))
  )
    throw new EventTimeError(`Invalid time zone definition for ${field} time.`);
  const zone = typeof timeZone === 'string' ? timeZone : undefined;
  if (typeof date === 'string' && date !== '' && (dateTime === undefined || dateTime === null)) {
    if (!datePattern.test(date) || !DateTime.fromISO(date).isValid)
      throw new EventTimeError(`Invalid ${field} time.`);
    return { allDay: true, date, timeZone: zone };
  }
  if (typeof dateTime === 'string' && (date === undefined || date === null)) {
    const hasOffset = offsetPattern.test(dateTime);
    if (!hasOffset && !zone)
      throw new EventTimeError(`Missing time zone definition for ${field} time.`);
    const parsed = hasOffset
      ? DateTime.fromISO(dateTime, { setZone: true })
      : DateTime.fromISO(dateTime, { zone: luxonZone(zone!) });
    if (!parsed.isValid) throw new EventTimeError(`Invalid ${field} time.`);
    return {
      allDay: false,
      instant: zone ? parsed.setZone(luxonZone(zone)) : parsed,
      timeZone: zone,
    };
  }
  if (date !== undefined && dateTime !== undefined)
    throw new EventTimeError(`Invalid ${field} time.`);
  throw new EventTimeError(`Missing ${field} time.`);
}

/** RFC3339 with the offset of `zone`, seconds precision, as Google answers (`2026-03-02T10:00:00+01:00`). */
export function formatInstant(instant: DateTime, zone: string): string {
  // luxon computes zone offsets through Intl, which is slow; a 10,000-event listing renders each
  // start and end, so results are kept (bounded).
  const key = `${instant.toMillis()}|${zone}`;
  let text = formatted.get(key);
  if (text === undefined) {
    text = instant
      .setZone(luxonZone(zone))
      .toISO({ suppressMilliseconds: true, includeOffset: true })!;
    if (formatted.size >= 200_000) formatted.clear();
    formatted.set(key, text);
  }
  return text;
}

const formatted = new Map<string, string>();

/** `20210215T080000Z`: the UTC basic form Google uses in instance ids. */
export function utcBasic(instant: DateTime): string {
  return instant.toUTC().toFormat("yyyyMMdd'T'HHmmss'Z'");
}

/** `2026-03-02` → `20260302` (all-day instance ids). */
export function dateBasic(date: string): string {
  return date.replaceAll('-', '');
}

/** Milliseconds since the epoch of a whole day's start, read in `zone`. */
export function dayStartMs(date: string, zone: string): number {
  return DateTime.fromISO(date, { zone: luxonZone(zone) }).toMillis();
}

/** The instant an EventTime starts, reading whole days in `zone`. */
export function eventTimeMs(time: EventTime, zone: string): number {
  return time.allDay ? dayStartMs(time.date, zone) : time.instant.toMillis();
}

/** Renders an EventTime the way the API answers it, in the response's zone. */
export function renderEventTime(time: EventTime, responseZone: string): Record<string, string> {
  if (time.allDay)
    return { date: time.date, ...(time.timeZone ? { timeZone: time.timeZone } : {}) };
  return {
    dateTime: formatInstant(time.instant, responseZone),
    ...(time.timeZone ? { timeZone: time.timeZone } : {}),
  };
}
