import type {
  CalendarEvent,
  ConferenceSummary,
  EventDateTime,
  GoogleEventResource,
  LiveEvent,
  RoomAttendee,
  RoomResponse,
} from '../domain/calendar-event.js';
import type { RawConferenceData, RawEvent } from './raw-event.js';

/**
 * One `events.list` item (read with `singleEvents=false`) as the sync engine sees it. Google's
 * rules (discovery document `Event.status` and the recurring-events guide,
 * developers.google.com/workspace/calendar/api/guides/recurringevents):
 *
 * - `status: cancelled` with `recurringEventId` and `originalStartTime`: one instance of a live
 *   series was cancelled;
 * - any other `cancelled` item: the event is gone from this calendar (deleted, or the room was
 *   taken off it); such items may carry nothing but `id`;
 * - a live item with `recurrence`: a series master; with `recurringEventId`: a modified instance
 *   (an exception); otherwise a single event.
 */
export function normaliseEvent(raw: RawEvent, calendarId: string): CalendarEvent {
  const identity = { calendarId, eventId: raw.id };
  if (raw.status === 'cancelled') {
    if (raw.recurringEventId && raw.originalStartTime) {
      return {
        ...identity,
        kind: 'cancelledInstance',
        recurringEventId: raw.recurringEventId,
        originalStartTime: dateTime(raw.originalStartTime),
      };
    }
    return { ...identity, kind: 'deleted' };
  }
  return liveEvent(raw, calendarId);
}

function liveEvent(raw: RawEvent, calendarId: string): LiveEvent {
  const recurrence = raw.recurrence ?? [];
  const kind = raw.recurringEventId ? 'exception' : recurrence.length > 0 ? 'master' : 'single';
  const rooms = roomAttendees(raw);
  const start = dateTime(raw.start);
  const event: LiveEvent = {
    calendarId,
    eventId: raw.id,
    kind,
    iCalUID: raw.iCalUID ?? '',
    etag: raw.etag ?? '',
    updated: raw.updated ?? '',
    status: raw.status === 'tentative' ? 'tentative' : 'confirmed',
    summary: raw.summary ?? '',
    description: raw.description ?? '',
    location: raw.location ?? '',
    start,
    end: dateTime(raw.end),
    recurrence: kind === 'master' ? recurrence : [],
    organizer: organizerOf(raw, calendarId),
    rooms,
    roomResponse: responseOf(raw, calendarId),
    allDay: start.date !== undefined && start.dateTime === undefined,
    eventType: raw.eventType ?? 'default',
    privateProperties: { ...(raw.extendedProperties?.private ?? {}) },
    sharedProperties: { ...(raw.extendedProperties?.shared ?? {}) },
    resource: resourceOf(raw),
  };
  if (kind === 'exception') {
    event.recurringEventId = raw.recurringEventId;
    if (raw.originalStartTime) event.originalStartTime = dateTime(raw.originalStartTime);
  }
  const conference = conferenceOf(raw.conferenceData);
  if (conference) event.conference = conference;
  if (raw.hangoutLink) event.hangoutLink = raw.hangoutLink;
  if (raw.visibility && raw.visibility !== 'default') event.visibility = raw.visibility;
  return event;
}

function dateTime(value: RawEvent['start']): EventDateTime {
  const out: EventDateTime = {};
  if (value?.dateTime !== undefined) out.dateTime = value.dateTime;
  if (value?.date !== undefined) out.date = value.date;
  if (value?.timeZone !== undefined) out.timeZone = value.timeZone;
  return out;
}

const sameAddress = (a: string | undefined, b: string) =>
  a !== undefined && a.toLowerCase() === b.toLowerCase();

function organizerOf(raw: RawEvent, calendarId: string): LiveEvent['organizer'] {
  const person = raw.organizer?.email
    ? raw.organizer
    : raw.creator?.email
      ? raw.creator
      : undefined;
  const organizer: LiveEvent['organizer'] = { email: person?.email ?? calendarId };
  if (person?.displayName) organizer.displayName = person.displayName;
  return organizer;
}

const responses: readonly string[] = ['accepted', 'declined', 'tentative', 'needsAction'];
const asResponse = (value: string | undefined): RoomResponse =>
  value !== undefined && responses.includes(value) ? (value as RoomResponse) : 'needsAction';

function roomAttendees(raw: RawEvent): RoomAttendee[] {
  return (raw.attendees ?? [])
    .filter((a) => a.resource === true && a.email)
    .map((a) => {
      const room: RoomAttendee = {
        email: a.email ?? '',
        responseStatus: asResponse(a.responseStatus),
      };
      if (a.displayName) room.displayName = a.displayName;
      return room;
    });
}

/** This room's own answer: its attendee entry, matched by address (rooms are always listed). */
function responseOf(raw: RawEvent, calendarId: string): RoomResponse {
  const own = (raw.attendees ?? []).find((a) => sameAddress(a.email, calendarId));
  return own ? asResponse(own.responseStatus) : 'absent';
}

function conferenceOf(data: RawConferenceData | undefined): ConferenceSummary | undefined {
  if (!data) return undefined;
  const uris = (data.entryPoints ?? []).flatMap((p) => (p.uri ? [p.uri] : []));
  const solutionType = data.conferenceSolution?.key?.type ?? '';
  if (!solutionType && uris.length === 0) return undefined;
  return { solutionType, uris };
}

const resourceKeys = [
  'id',
  'iCalUID',
  'etag',
  'status',
  'summary',
  'description',
  'location',
  'start',
  'end',
  'recurrence',
  'recurringEventId',
  'originalStartTime',
  'eventType',
] as const satisfies readonly (keyof GoogleEventResource & keyof RawEvent)[];

function resourceOf(raw: RawEvent): GoogleEventResource {
  const out: Record<string, unknown> = {};
  for (const key of resourceKeys) if (raw[key] !== undefined) out[key] = structuredClone(raw[key]);
  return out as GoogleEventResource;
}
