import type { CalendarEvent } from './calendar-event.js';

/**
 * The shapes that cross between the sync engine and the Google adapter: rooms, pages of changes,
 * and the read-then-patch of one copy of an event. Types only; the engine's `CalendarPort`
 * (`src/sync/ports.ts`) is written in them and the adapter produces them.
 */

/** A room calendar zoomlink watches, and the Zoom user who hosts its meetings. */
export interface Room {
  calendarId: string;
  name: string;
  zoomHost: string;
}

/** One page of `events.list`; the last page of a pass carries `nextSyncToken`. */
export interface EventPage {
  events: CalendarEvent[];
  nextSyncToken?: string;
}

/** Which copy of an event to touch, and the Workspace user to act as (domain-wide delegation). */
export interface EventCopyRef {
  /** The organizer's email (their primary calendar) or a room calendar id. */
  calendarId: string;
  eventId: string;
  /** The user impersonated for this call: the organizer, or the admin subject for a room copy. */
  actAs: string;
}

/** The parts of one copy that write-back reads before it changes them. */
export interface EventCopy {
  etag: string;
  status: string;
  description: string;
  location: string;
  privateProperties: Record<string, string>;
  /** `conferenceData.conferenceSolution.key.type`, when the copy has a conference. */
  conferenceSolutionType?: string;
}

/** The Zoom conference zoomlink may attach (only when configured; Google often refuses it). */
export interface ZoomConference {
  meetingId: string;
  joinUrl: string;
  passcode?: string;
  notes?: string;
}

/** A change to one copy; absent fields are left as they are, `null` removes. */
export interface EventPatch {
  description?: string;
  location?: string;
  privateProperties?: Record<string, string | null>;
  conference?: ZoomConference | null;
}

export type ModifyResult =
  | {
      outcome: 'written';
      etag: string;
      /** What became of a conference in the patch: kept by Google, refused (400) or silently dropped. */
      conference?: 'accepted' | 'refused' | 'dropped';
    }
  | { outcome: 'unchanged' }
  | { outcome: 'gone' };
