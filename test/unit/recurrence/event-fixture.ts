import { DateTime } from 'luxon';
import type { GoogleEventResource } from '../../../src/domain/calendar-event.js';
import type { ConvertOptions } from '../../../src/recurrence/index.js';

/**
 * A timed Google event resource the way events.list returns it: `start`/`end` with an offset and
 * a `timeZone`, `recurrence` lines verbatim. `local` is wall-clock time in `zone`.
 */
export function timedEvent(
  local: string,
  minutes: number,
  zone: string,
  recurrence?: string[],
  summary = 'Weekly sync',
): GoogleEventResource {
  const start = DateTime.fromISO(local, { zone });
  if (!start.isValid) throw new Error(`bad fixture time ${local} ${zone}`);
  const end = start.plus({ minutes });
  const event: GoogleEventResource = {
    summary,
    start: { dateTime: start.toISO({ suppressMilliseconds: true })!, timeZone: zone },
    end: { dateTime: end.toISO({ suppressMilliseconds: true })!, timeZone: zone },
  };
  if (recurrence) event.recurrence = recurrence;
  return event;
}

export const at = (iso: string): Date => new Date(iso);

export const defaults: ConvertOptions = {
  cap: 50,
  fallback: 'no_fixed_time',
  perOccurrenceHorizonDays: 30,
};
