import type { CalendarEvent, LiveEvent } from './calendar-event.js';
import type {
  EventCopy,
  EventCopyRef,
  EventPage,
  EventPatch,
  ModifyResult,
  Room,
} from './calendar-write.js';
import type { ZoomMeeting, ZoomMeetingRequest, ZoomMeetingSummary } from './zoom-meeting.js';

/**
 * What the sync engine needs from the outside world, and nothing more. The Google and Zoom
 * adapters satisfy these interfaces structurally (they do not import this file); the CLI and the
 * daemon wire them together. Errors: adapters throw `ZoomlinkError`s; the engine reacts to the
 * codes in `src/domain/error-codes.ts` and treats any error with `retryable: true` as "try later".
 */

export type {
  EventCopy,
  EventCopyRef,
  EventPage,
  EventPatch,
  ModifyResult,
  Room,
  ZoomConference,
} from './calendar-write.js';

export interface CalendarPort {
  listRooms(): Promise<Room[]>;
  /**
   * Everything that changed on a room calendar since `syncToken` (everything when null), page by
   * page. Throws a `GOOGLE_FULL_SYNC_REQUIRED` error when Google answers 410.
   */
  readChanges(calendarId: string, syncToken: string | null): AsyncIterable<EventPage>;
  /**
   * Reads the copy, asks `change` what to write (null = nothing), patches it with `If-Match`,
   * and on 412 reads and asks again. A copy that does not exist (404/410) is `gone`.
   */
  modifyEvent(
    target: EventCopyRef,
    change: (current: EventCopy) => EventPatch | null,
  ): Promise<ModifyResult>;
  /**
   * One series' instances on a room calendar that end after `from` and start before `to`,
   * cancelled ones included (kind `exception` or `cancelledInstance`): what reconcile compares
   * the series' Zoom occurrences with.
   */
  listInstances(
    calendarId: string,
    eventId: string,
    window: { from: Date; to: Date },
  ): Promise<CalendarEvent[]>;
  /**
   * The copy write-back should patch for this event, and the user to act as: the organizer's
   * copy when the organizer is in one of our domains, else the room's copy (`event.calendarId`).
   */
  writeTarget(event: LiveEvent): EventCopyRef;
}

export interface GetMeetingOptions {
  occurrenceId?: string;
  showPreviousOccurrences?: boolean;
}

export interface ListMeetingsOptions {
  type?: 'scheduled' | 'upcoming' | 'previous_meetings';
  /** Local filter on start time (the API has no trustworthy one). */
  from?: Date;
  to?: Date;
}

export interface MeetingsPort {
  createMeeting(host: string, request: ZoomMeetingRequest): Promise<ZoomMeeting>;
  /** null when Zoom says the meeting does not exist (404/3001). */
  getMeeting(meetingId: number, options?: GetMeetingOptions): Promise<ZoomMeeting | null>;
  /** `gone` when the meeting does not exist (404/3001). */
  updateMeeting(
    meetingId: number,
    patch: Partial<ZoomMeetingRequest>,
    /** `host`: the meeting's host, so the update is charged to (and refused for) the right budget. */
    options?: { occurrenceId?: string; host?: string },
  ): Promise<'updated' | 'gone'>;
  /** `gone` when it was already deleted (404/3001 counts as done). */
  deleteMeeting(
    meetingId: number,
    options?: { occurrenceId?: string },
  ): Promise<'deleted' | 'gone'>;
  /** Every page of a host's meetings. */
  listMeetings(host: string, options?: ListMeetingsOptions): Promise<ZoomMeetingSummary[]>;
}
