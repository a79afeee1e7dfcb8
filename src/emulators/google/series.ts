import { DateTime } from 'luxon';
import type { CalendarState, EventCopy } from './calendar-store.js';
import { dayStartMs, type EventTime } from './event-time.js';
import { instanceId, parseInstanceId } from './ids.js';
import {
  expandSeries,
  type ExpandWindow,
  type Occurrence,
  type SeriesStart,
} from './recurrence.js';
import { zone as luxonZone } from './zones.js';

/**
 * How far an open-ended series is expanded when nothing bounds it. Google's horizon is
 * UNCONFIRMED (a user comment in odoo/odoo #41895 says "730 occurrences or 100 years").
 */
export const maxExpandedInstances = 730;

/** The zone a series is expanded in: `start.timeZone` (timed), else the calendar's (whole days). */
export function expansionZone(master: EventCopy, calendar: CalendarState): string {
  return master.start.timeZone ?? calendar.timeZone;
}

/** Length of one occurrence: milliseconds for timed events, whole days for all-day ones. */
export function lengthOf(copy: EventCopy): { ms: number; days: number } {
  if (copy.start.allDay && copy.end.allDay) {
    const days = DateTime.fromISO(copy.end.date).diff(
      DateTime.fromISO(copy.start.date),
      'days',
    ).days;
    return { ms: days * 86_400_000, days };
  }
  if (!copy.start.allDay && !copy.end.allDay)
    return { ms: copy.end.instant.toMillis() - copy.start.instant.toMillis(), days: 0 };
  return { ms: 0, days: 0 };
}

export function seriesStartOf(master: EventCopy, zone: string): SeriesStart {
  return master.start.allDay
    ? { allDay: true, date: master.start.date }
    : { allDay: false, local: master.start.instant.setZone(luxonZone(zone)) };
}

export function occurrencesOf(
  master: EventCopy,
  calendar: CalendarState,
  window: Omit<ExpandWindow, 'durationMs'>,
): Occurrence[] {
  if (!master.recurrence) return [];
  const zone = expansionZone(master, calendar);
  return expandSeries(seriesStartOf(master, zone), master.recurrence, zone, {
    ...window,
    durationMs: lengthOf(master).ms,
  });
}

/** An unmodified instance, as `instances`, `get` and `singleEvents=true` show it (not stored). */
export function virtualInstance(master: EventCopy, occurrence: Occurrence): EventCopy {
  const { recurrence: _lines, ...data } = master.data;
  const length = lengthOf(master);
  let start: EventTime;
  let end: EventTime;
  if (occurrence.date !== undefined) {
    start = { allDay: true, date: occurrence.date, timeZone: master.start.timeZone };
    end = {
      allDay: true,
      date: DateTime.fromISO(occurrence.date).plus({ days: length.days }).toISODate()!,
      timeZone: master.end.timeZone,
    };
  } else {
    start = { allDay: false, instant: occurrence.start!, timeZone: master.start.timeZone };
    end = {
      allDay: false,
      instant: occurrence.start!.plus({ milliseconds: length.ms }),
      timeZone: master.end.timeZone,
    };
  }
  return {
    calendarId: master.calendarId,
    id: instanceId(master.id, occurrence.key),
    data: { ...structuredClone(data), recurringEventId: master.id },
    start,
    end,
    originalStart: start,
    created: master.created,
    updatedUs: master.updatedUs,
    seq: master.seq,
  };
}

/** The unmodified instance an id like `<master>_20210215T080000Z` names, if the series has it. */
export function findVirtualInstance(
  calendar: CalendarState,
  eventId: string,
): EventCopy | undefined {
  const parsed = parseInstanceId(eventId);
  if (!parsed) return undefined;
  const master = calendar.events.get(parsed.masterId);
  if (!master?.recurrence || master.data.status === 'cancelled') return undefined;
  const zone = expansionZone(master, calendar);
  let at: number;
  if (parsed.key.length === 8) {
    if (!master.start.allDay) return undefined;
    at = dayStartMs(
      `${parsed.key.slice(0, 4)}-${parsed.key.slice(4, 6)}-${parsed.key.slice(6)}`,
      zone,
    );
  } else {
    if (master.start.allDay) return undefined;
    at = DateTime.fromFormat(parsed.key, "yyyyMMdd'T'HHmmss'Z'", { zone: 'utc' }).toMillis();
  }
  const length = lengthOf(master).ms;
  const [occurrence] = occurrencesOf(master, calendar, {
    endsAfterMs: at + Math.max(length, 1) - 1,
    startsBeforeMs: at + 1,
    limit: 1,
  });
  return occurrence?.key === parsed.key ? virtualInstance(master, occurrence) : undefined;
}

/** Start and end of a copy in ms (whole days read in `zone`). */
export function spanOf(copy: EventCopy, zone: string): { startMs: number; endMs: number } {
  const ms = (t: EventTime) => (t.allDay ? dayStartMs(t.date, zone) : t.instant.toMillis());
  return { startMs: ms(copy.start), endMs: ms(copy.end) };
}
