/**
 * The vocabulary every layer shares about Google Calendar events. Types only: the Google adapter
 * produces these, the recurrence engine and the planner read them.
 */

/** A time as Google gives it: a timed instant (RFC 3339 with offset) and its zone, or a date. */
export interface EventDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

/**
 * The fields of a Google Calendar event resource that zoomlink reads, as the API returns them.
 * This is the recurrence engine's input and what `zoomlink convert` reads on stdin.
 */
export interface GoogleEventResource {
  id?: string;
  iCalUID?: string;
  etag?: string;
  status?: string;
  summary?: string;
  description?: string;
  location?: string;
  start?: EventDateTime;
  end?: EventDateTime;
  /** RRULE / EXRULE / RDATE / EXDATE lines, as Google stores them (no DTSTART). */
  recurrence?: string[];
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  eventType?: string;
}

export type RoomResponse = 'accepted' | 'declined' | 'tentative' | 'needsAction' | 'absent';

export interface Organizer {
  email: string;
  displayName?: string;
}

/** A resource attendee of an event (a room), as listed on the event. */
export interface RoomAttendee {
  email: string;
  displayName?: string;
  responseStatus: RoomResponse;
}

/** What a Zoom-ish conference already on the event looks like (to leave foreign links alone). */
export interface ConferenceSummary {
  solutionType: string;
  /** Every entry point URI (video, phone, more). */
  uris: string[];
}

interface EventIdentity {
  /** The room calendar this copy was read from. */
  calendarId: string;
  eventId: string;
}

/** A booking (single event), a series master, or a modified instance of a series. */
export interface LiveEvent extends EventIdentity {
  kind: 'single' | 'master' | 'exception';
  iCalUID: string;
  etag: string;
  updated: string;
  status: 'confirmed' | 'tentative';
  summary: string;
  description: string;
  location: string;
  start: EventDateTime;
  end: EventDateTime;
  /** Masters only; empty otherwise. */
  recurrence: string[];
  /** Exceptions only: the master's id and the instance's original start. */
  recurringEventId?: string;
  originalStartTime?: EventDateTime;
  organizer: Organizer;
  /** Every resource attendee (rooms) on the event. */
  rooms: RoomAttendee[];
  /** This room's own response to the booking ('absent' when it is not listed). */
  roomResponse: RoomResponse;
  allDay: boolean;
  /** Google's eventType: 'default' for bookings; others (focusTime, outOfOffice…) are not bookings. */
  eventType: string;
  /** extendedProperties.private of the copy that was read (per copy in Google). */
  privateProperties: Record<string, string>;
  sharedProperties: Record<string, string>;
  conference?: ConferenceSummary;
  /** Google Meet's link (`hangoutLink`), when the event has a Meet conference. */
  hangoutLink?: string;
  /**
   * Google's `visibility` (absent = `default`, the calendar's). `private` and `confidential`
   * bookings never send their title, description or attendees to Zoom.
   */
  visibility?: string;
  /** The resource as read, for the recurrence engine and for diagnostics. */
  resource: GoogleEventResource;
}

/** One instance of a series was cancelled (an EXDATE-like exception). */
export interface CancelledInstance extends EventIdentity {
  kind: 'cancelledInstance';
  recurringEventId: string;
  originalStartTime: EventDateTime;
}

/** The event is gone from this calendar: deleted, or the room was removed from it. */
export interface DeletedEvent extends EventIdentity {
  kind: 'deleted';
}

export type CalendarEvent = LiveEvent | CancelledInstance | DeletedEvent;
