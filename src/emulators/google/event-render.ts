import { etagOf, updatedOf, type EventCopy } from './calendar-store.js';
import { renderEventTime } from './event-time.js';
import { htmlLink } from './ids.js';

/** Field order as live answers list them (irrelevant to JSON clients, kind to people reading dumps). */
const leadingFields = ['summary', 'description', 'location', 'colorId'];
const trailingFields = [
  'transparency',
  'visibility',
  'iCalUID',
  'sequence',
  'attendees',
  'attendeesOmitted',
  'extendedProperties',
  'hangoutLink',
  'conferenceData',
  'anyoneCanAddSelf',
  'guestsCanInviteOthers',
  'guestsCanModify',
  'guestsCanSeeOtherGuests',
  'privateCopy',
  'locked',
  'reminders',
  'source',
  'attachments',
  'eventType',
];

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * One copy as the API answers it. `zone` is the response's time zone (the `timeZone` parameter,
 * else the calendar's: DISCO events.list `timeZone`); every `dateTime` is written with its offset.
 * `minimal` is the form of a deletion in incremental results (DISCO `Event.status`): only
 * `kind, etag, id, status` (plus `recurringEventId` and `originalStartTime` for an instance).
 * The answer shares nested objects with the store (it is serialised at once); a caller that keeps
 * it must copy it.
 */
export function renderEvent(
  copy: EventCopy,
  zone: string,
  minimal = false,
): Record<string, unknown> {
  const d = copy.data;
  const head: Record<string, unknown> = {
    kind: 'calendar#event',
    etag: etagOf(copy.updatedUs),
    id: copy.id,
    status: d.status ?? 'confirmed',
  };
  if (minimal) {
    if (d.recurringEventId) {
      head.recurringEventId = d.recurringEventId;
      if (copy.originalStart) head.originalStartTime = renderEventTime(copy.originalStart, zone);
    }
    return head;
  }
  const out: Record<string, unknown> = {
    ...head,
    htmlLink: htmlLink(copy.id, copy.calendarId),
    created: copy.created,
    updated: updatedOf(copy.updatedUs),
  };
  for (const field of leadingFields) if (d[field] !== undefined) out[field] = d[field];
  const self = (person: unknown) =>
    isObject(person)
      ? { ...person, ...(person.email === copy.calendarId ? { self: true } : {}) }
      : undefined;
  if (d.creator) out.creator = self(d.creator);
  if (d.organizer) out.organizer = self(d.organizer);
  out.start = renderEventTime(copy.start, zone);
  out.end = renderEventTime(copy.end, zone);
  if (d.endTimeUnspecified) out.endTimeUnspecified = true;
  if (d.recurrence) out.recurrence = [...(d.recurrence as string[])];
  if (d.recurringEventId) {
    out.recurringEventId = d.recurringEventId;
    if (copy.originalStart) out.originalStartTime = renderEventTime(copy.originalStart, zone);
  }
  const organizerEmail = isObject(d.organizer) ? d.organizer.email : undefined;
  for (const field of trailingFields) {
    const value = d[field];
    if (value === undefined) continue;
    if (field === 'attendees' && Array.isArray(value)) {
      out.attendees = value.map((a: Record<string, unknown>) => ({
        ...a,
        ...(a.email === organizerEmail ? { organizer: true } : {}),
        ...(a.email === copy.calendarId ? { self: true } : {}),
      }));
    } else if (field === 'guestsCanInviteOthers' || field === 'guestsCanSeeOtherGuests') {
      if (value === false) out[field] = false;
    } else if (
      field === 'guestsCanModify' ||
      field === 'anyoneCanAddSelf' ||
      field === 'privateCopy' ||
      field === 'locked'
    ) {
      if (value === true) out[field] = true;
    } else {
      out[field] = value;
    }
  }
  out.reminders ??= { useDefault: true };
  out.eventType ??= 'default';
  return out;
}
