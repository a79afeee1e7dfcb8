import type { CalendarEvent, LiveEvent } from './calendar-event.js';
import type {
  EventCopy,
  EventCopyRef,
  EventPage,
  EventPatch,
  ModifyResult,
  Room,
} from './calendar-write.js';
import type {
  ZoomMeeting,
  ZoomMeetingRequest,
  ZoomMeetingSummary,
  ZoomUser,
} from './zoom-meeting.js';

/**
 * What the sync engine needs from the outside world, and nothing more, declared once: the
 * adapters `implements` these (the Zoom client, the Google adapter, the store's `hosts`
 * repository), the engine sees only them, and the CLI and the daemon wire them together.
 * Errors: adapters throw `ZoomlinkError`s; the engine reacts to the codes in
 * `src/domain/error-codes.ts` and treats any error with `retryable: true` as "try later".
 */

export type * from './calendar-write.js';

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
    /** The user to read as (default: the admin subject). */
    actAs?: string,
  ): Promise<CalendarEvent[]>;
  /**
   * The copy write-back should patch for this event, and the user to act as: the organizer's
   * copy when the organizer is in one of our domains, else the room's copy (`event.calendarId`).
   */
  writeTarget(event: LiveEvent): EventCopyRef;
}

export interface GetMeetingOptions {
  /** One occurrence of a recurring meeting: its `occurrence_id` (start in epoch ms). */
  occurrenceId?: string;
  /** Include past occurrences in `occurrences[]` (Zoom's default: only current and future). */
  showPreviousOccurrences?: boolean;
}

export interface UpdateMeetingOptions {
  occurrenceId?: string;
  /**
   * The meeting's host, when the caller knows it (the room's zoomHost): the update is charged to
   * (and refused for) that host's daily budget. Without it the client uses the host it saw the
   * meeting made, listed or read with.
   */
  host?: string;
}

export interface ListMeetingsOptions {
  /** Zoom's list type; Zoom's default is `scheduled` (every unexpired meeting). */
  type?: 'scheduled' | 'upcoming' | 'previous_meetings';
  /** Keep meetings starting at or after this instant (the API has no trustworthy filter). */
  from?: Date;
  /** Keep meetings starting before this instant. */
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
    options?: UpdateMeetingOptions,
  ): Promise<'updated' | 'gone'>;
  /** `gone` when it was already deleted (404/3001 counts as done). */
  deleteMeeting(
    meetingId: number,
    options?: { occurrenceId?: string },
  ): Promise<'deleted' | 'gone'>;
  /** Every page of a host's meetings. */
  listMeetings(host: string, options?: ListMeetingsOptions): Promise<ZoomMeetingSummary[]>;
  /**
   * A user of the Zoom account, by id or email; null when Zoom says there is none (404/1001, or
   * 400/1120: invited, never joined). A read: not charged to any daily budget.
   */
  getUser(userId: string): Promise<ZoomUser | null>;
}

/** A Zoom host whose daily budget is spent, and when it may be called again. */
export interface ParkedHost {
  host: string;
  until: Date;
}

/**
 * The one model of Zoom hosts' daily create/update budgets (Zoom: 100 a day per host, reset at
 * 00:00 UTC). The Zoom client parks a host when Zoom says its day is spent and refuses the host's
 * creates and updates until then; the engine reads the same model, so that a parked host's
 * bookings wait without a journal entry or a call. The store's `hosts` repository persists it (a
 * restart keeps it); a Zoom client used without a store keeps it in memory. Hosts are emails or
 * user ids, compared case-insensitively.
 */
export interface HostQuotaPort {
  /** Until when `host` is parked, when that is after `now`. */
  parkedUntil(host: string, now: Date): Date | undefined;
  /** Parks `host` until `until`, replacing the time it had. */
  park(host: string, until: Date): void;
  /** The hosts parked beyond `now`, soonest back first. */
  parkedHosts(now: Date): ParkedHost[];
  /** The budget Zoom last said the host has left (or as counted since), and when. */
  lastQuota(host: string): { remaining: number; at: Date } | undefined;
  recordQuota(host: string, remaining: number, at: Date): void;
}
