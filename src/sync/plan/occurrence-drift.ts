import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { ZoomOccurrence } from '../../domain/zoom-meeting.js';
import { zoomOccurrenceId } from '../../recurrence/index.js';
import { isoFromMs, isoInstant } from '../../util/instant.js';
import { durationMinutesOf } from './plan-overrides.js';

/** One occurrence as a side shows it: when it starts (ISO UTC) and how long it lasts. */
export interface OccurrenceTime {
  start: string;
  durationMinutes: number;
}

/**
 * Where a series' live Zoom occurrences differ from Google's instances, by the instance's original
 * start (ISO UTC; Zoom's occurrence id is that instant in epoch ms). Only occurrences not yet over
 * (on either side) are compared.
 */
export interface OccurrenceDrift {
  /** Live in Zoom, but cancelled in Google or not an occurrence of the booking at all. */
  extra: string[];
  /** Live on both sides, at another time or length in Zoom. */
  moved: { originalStart: string; google: OccurrenceTime; zoom: OccurrenceTime }[];
  /** An instance in Google whose Zoom occurrence is deleted or absent. */
  missing: string[];
}

export const noDrift = (drift: OccurrenceDrift): boolean =>
  drift.extra.length + drift.moved.length + drift.missing.length === 0;

/**
 * Compares a series' Zoom occurrences with Google's instances (pure). `covered` are the original
 * starts the Zoom series stands for (the rule's occurrences in the meeting's window); `instances`
 * are what Google returned for that window, cancelled ones included. An occurrence of the rule
 * that Google did not return (moved far outside the window read) is not judged.
 */
export function occurrenceDrift(
  covered: readonly string[],
  instances: readonly CalendarEvent[],
  zoom: readonly ZoomOccurrence[],
  now: Date,
): OccurrenceDrift {
  const nowMs = now.getTime();
  const ahead = (time: OccurrenceTime) =>
    Date.parse(time.start) + time.durationMinutes * 60_000 > nowMs;
  const google = new Map<string, OccurrenceTime | 'cancelled'>();
  for (const instance of instances) {
    const original = instance.kind === 'deleted' ? undefined : instance.originalStartTime?.dateTime;
    if (original === undefined) continue;
    google.set(
      isoInstant(original),
      instance.kind === 'exception'
        ? {
            start: isoInstant(instance.start.dateTime ?? original),
            durationMinutes: durationMinutesOf(instance),
          }
        : 'cancelled',
    );
  }
  const zoomById = new Map(zoom.map((o) => [o.occurrence_id, o]));
  const zoomTime = (o: ZoomOccurrence): OccurrenceTime => ({
    start: isoInstant(o.start_time),
    durationMinutes: o.duration,
  });
  const liveAhead = (o: ZoomOccurrence | undefined): o is ZoomOccurrence =>
    o !== undefined && o.status !== 'deleted' && ahead(zoomTime(o));

  const drift: OccurrenceDrift = { extra: [], moved: [], missing: [] };
  const coveredIds = new Set<string>();
  for (const start of covered) {
    const originalStart = isoInstant(start);
    const id = zoomOccurrenceId(originalStart);
    coveredIds.add(id);
    const expected = google.get(originalStart);
    const actual = zoomById.get(id);
    if (expected === undefined) continue;
    if (expected === 'cancelled') {
      if (liveAhead(actual)) drift.extra.push(originalStart);
      continue;
    }
    if (!ahead(expected)) continue;
    if (actual === undefined || actual.status === 'deleted') drift.missing.push(originalStart);
    else if (!sameTime(zoomTime(actual), expected))
      drift.moved.push({ originalStart, google: expected, zoom: zoomTime(actual) });
  }
  for (const occurrence of zoom)
    if (!coveredIds.has(occurrence.occurrence_id) && liveAhead(occurrence))
      drift.extra.push(isoFromMs(Number(occurrence.occurrence_id)));
  return drift;
}

const sameTime = (a: OccurrenceTime, b: OccurrenceTime) =>
  Date.parse(a.start) === Date.parse(b.start) && a.durationMinutes === b.durationMinutes;

/** "2 to delete (…), 1 at another time (…), 1 missing (…)", for people. */
export function describeDrift(drift: OccurrenceDrift): string {
  const list = (starts: string[]) =>
    starts.slice(0, 3).join(', ') + (starts.length > 3 ? ', …' : '');
  const parts: string[] = [];
  if (drift.extra.length > 0)
    parts.push(`${drift.extra.length} live in Zoom but not in Google (${list(drift.extra)})`);
  if (drift.moved.length > 0)
    parts.push(
      `${drift.moved.length} at another time in Zoom (${drift.moved
        .slice(0, 3)
        .map(
          (m) =>
            `${m.originalStart}: Zoom ${m.zoom.start} ${m.zoom.durationMinutes} min, Google ${m.google.start} ${m.google.durationMinutes} min`,
        )
        .join('; ')})`,
    );
  if (drift.missing.length > 0)
    parts.push(
      `${drift.missing.length} deleted in Zoom but live in Google (${list(drift.missing)})`,
    );
  return parts.join('; ');
}
