import type { CalendarEvent, EventDateTime } from '../../domain/calendar-event.js';
import { expandGoogleSeries, parseEvent } from '../../recurrence/index.js';

/**
 * When the booking an event belongs to next starts, as far as this event tells: the order the
 * work queue is worked in, so that a meeting in ten minutes gets its link before one next month,
 * whatever the backlog.
 *
 * - a single booking: its start (one that is over is a cheap skip: its past start puts it first);
 * - a series: its first occurrence not over yet (one in progress counts: it is the most urgent);
 * - a moved or cancelled instance: its start, or its original start;
 * - a deletion: the next start of the booking as it was last stored (`stored`), else now (a
 *   deletion of nothing known costs no call).
 *
 * An event that cannot be read or expanded counts as starting now: its planning says why.
 */
export function nextStartOf(
  event: CalendarEvent,
  now: Date,
  stored: (bookingId: string) => CalendarEvent | undefined,
): Date {
  try {
    switch (event.kind) {
      case 'deleted': {
        const before = stored(event.eventId);
        return before && before.kind !== 'deleted'
          ? nextStartOf(before, now, () => undefined)
          : now;
      }
      case 'cancelledInstance':
        return instantOf(event.originalStartTime) ?? now;
      case 'exception':
        return instantOf(event.start) ?? instantOf(event.originalStartTime) ?? now;
      case 'single':
        return new Date(parseEvent(event.resource).startInstantMs);
      case 'master': {
        const [next] = expandGoogleSeries(event.resource, { from: now, limit: 1 });
        return next?.start ?? new Date(parseEvent(event.resource).startInstantMs);
      }
    }
  } catch {
    return now;
  }
}

function instantOf(time: EventDateTime | undefined): Date | undefined {
  const text = time?.dateTime ?? time?.date;
  const ms = text === undefined ? Number.NaN : Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
