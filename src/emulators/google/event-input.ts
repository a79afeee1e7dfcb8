import { googleErrors } from './google-errors.js';
import { EventTimeError, parseEventTime, type EventTime } from './event-time.js';
import { parseRecurrence, RecurrenceError, type ParsedRecurrence } from './recurrence.js';
import type { EventData } from './calendar-store.js';

/**
 * Reading a request body into what the store keeps, with Google's 400s for what it refuses.
 * Read-only fields (DISCO marks them "Read-only") are ignored, as Google ignores them.
 */
export const readOnlyFields = new Set([
  'kind',
  'etag',
  'id',
  'htmlLink',
  'created',
  'updated',
  'creator',
  'organizer',
  'hangoutLink',
  'recurringEventId',
  'originalStartTime',
  'iCalUID',
  'locked',
  'start',
  'end',
  'conferenceData',
]);

/** Fields that, once set at creation, do not change (DISCO: "Immutable"). */
export const immutableFields = new Set(['eventType', 'privateCopy']);

/** The "shared properties" only the organizer may change (errors guide, forbiddenForNonOrganizer). */
export const sharedPropertyDefaults = {
  guestsCanInviteOthers: true,
  guestsCanModify: false,
  guestsCanSeeOtherGuests: true,
} as const;

export interface EventInput {
  data: EventData;
  start: EventTime;
  end: EventTime;
  recurrence?: ParsedRecurrence;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** JSON merge patch as Google's patch semantics describe it: objects merge, arrays replace, null clears. */
export function mergePatch(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else if (isObject(value) && isObject(out[key]))
      out[key] = mergePatch(out[key] as Record<string, unknown>, value);
    else out[key] = structuredClone(value);
  }
  return out;
}

/**
 * Validates the writable fields of a full event (insert, update, or a patch merged onto the
 * stored one). `raw` holds `start`/`end` as EventDateTime objects.
 */
export function readEventInput(raw: Record<string, unknown>): EventInput {
  if (raw.start === undefined || raw.start === null)
    throw googleErrors.required('Missing start time.');
  if (raw.end === undefined || raw.end === null) throw googleErrors.required('Missing end time.');
  let start: EventTime;
  let end: EventTime;
  try {
    start = parseEventTime(raw.start, 'start');
    end = parseEventTime(raw.end, 'end');
  } catch (error) {
    if (error instanceof EventTimeError) throw googleErrors.invalid(error.message);
    throw error;
  }
  if (start.allDay !== end.allDay)
    throw googleErrors.invalid('Start and end times must either both be date or both be dateTime.');
  const startKey = start.allDay ? start.date : start.instant.toMillis();
  const endKey = end.allDay ? end.date : end.instant.toMillis();
  if (start.allDay ? endKey <= startKey : endKey < startKey)
    throw googleErrors.timeRangeEmpty('end');

  const data: EventData = {};
  for (const [key, value] of Object.entries(raw)) {
    if (readOnlyFields.has(key) || value === undefined || value === null) continue;
    data[key] = value;
  }

  let recurrence: ParsedRecurrence | undefined;
  if (data.recurrence !== undefined) {
    if (!Array.isArray(data.recurrence) || !data.recurrence.every((l) => typeof l === 'string'))
      throw googleErrors.invalid('Invalid recurrence rule.');
    if (data.recurrence.length === 0) delete data.recurrence;
    else {
      if (!start.allDay && !start.timeZone)
        throw googleErrors.required('Missing time zone definition for start time.');
      try {
        recurrence = parseRecurrence(data.recurrence as string[]);
      } catch (error) {
        if (error instanceof RecurrenceError)
          throw googleErrors.invalid('Invalid recurrence rule.');
        throw error;
      }
    }
  }

  if (
    data.status !== undefined &&
    !['confirmed', 'tentative', 'cancelled'].includes(String(data.status))
  )
    throw googleErrors.invalid('Invalid value for status.', 'status', 'body');
  if (data.attendees !== undefined) {
    if (!Array.isArray(data.attendees)) throw googleErrors.invalid('Invalid attendees.');
    for (const attendee of data.attendees) {
      if (!isObject(attendee) || typeof attendee.email !== 'string' || attendee.email.trim() === '')
        throw googleErrors.required('Missing attendee email.');
    }
  }
  if (data.extendedProperties !== undefined) {
    const ext = data.extendedProperties;
    const stringMap = (v: unknown) =>
      v === undefined || (isObject(v) && Object.values(v).every((s) => typeof s === 'string'));
    if (!isObject(ext) || !stringMap(ext.private) || !stringMap(ext.shared))
      throw googleErrors.invalid('Invalid extended properties.');
  }
  return { data, start, end, recurrence };
}
