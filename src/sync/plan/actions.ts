import type { LiveEvent } from '../../domain/calendar-event.js';
import type { ZoomMeetingRequest } from '../../domain/zoom-meeting.js';
import type { OccurrenceOverrideInput } from '../../store/index.js';
import type { SkipReason } from './engine-types.js';
import type { PoolCollision } from './host-pool.js';
import type { PoolCheck } from './plan-pool.js';

/**
 * What the planner decides for one event, and `applyActions` carries out in order. Actions name
 * the booking's meeting implicitly (apply keeps the link as it stands after each step), so a
 * plan can say "create, then delete its extra occurrences, then write the link back".
 */

/** The booking's own meeting (single, series or no fixed time) as it should be in Zoom. */
export interface MeetingPlan {
  host: string;
  request: ZoomMeetingRequest;
  strategy: 'single' | 'series' | 'no_fixed_time';
  zoomHash: string;
  /** UTC starts of the first and last occurrence covered (series and no fixed time). */
  window: { from: string; to: string } | null;
  /** Why a fallback was chosen. */
  reason: string | null;
  /** A pool host: checked again when it is committed (another poll may have taken it since). */
  poolCheck?: PoolCheck;
}

/** One meeting of a `per_occurrence` booking. */
export interface OccurrenceMeetingPlan {
  /** The Google occurrence's original start (ISO UTC): the key of the meeting in the link. */
  occurrenceStart: string;
  request: ZoomMeetingRequest;
  zoomHash: string;
}

export type OverrideChange =
  | { kind: 'deleted' }
  | {
      kind: 'moved';
      /** The new start (ISO UTC) and length. */
      start: string;
      durationMinutes: number;
      /** `start_time` / `timezone` as Zoom takes them for this instant. */
      zoomStart: { start_time: string; timezone: string };
    };

export type Action =
  /** Zoom create (journaled by an intent), then the link records the meeting. */
  | { kind: 'createMeeting'; meeting: MeetingPlan; rooms: string[] }
  /**
   * The meeting moves to another pool host (`meeting.host`): in place where Zoom lets an update's
   * `schedule_for` change the host (same id, same join link), else replaced — deleted, then made
   * anew on the new host (journaled like any create) and the link rewritten.
   */
  | { kind: 'moveMeeting'; meetingId: number; fromHost: string; meeting: MeetingPlan }
  /**
   * Store only: later-booked bookings that now collide with this one on its pool host are planned
   * again now (each moves to a free host).
   */
  | { kind: 'reviewHosts'; host: string; eventIds: string[] }
  /** No pool host is free for every occurrence: the booking fails alone (HOST_POOL_EXHAUSTED). */
  | { kind: 'poolExhausted'; collisions: PoolCollision[] }
  /** PATCH the whole meeting in place (same id, same join link). */
  | { kind: 'updateMeeting'; meetingId: number; meeting: MeetingPlan }
  /** Delete a whole meeting (replaced by another, or the booking is gone). */
  | { kind: 'deleteMeeting'; meetingId: number }
  /**
   * The booking is over, but a change cut it short (a split, a move into the past): whatever the
   * booking's own meeting still holds ahead of `now` in Zoom is deleted — a series' occurrences,
   * a scheduled meeting not begun — and the link records `zoomHash`. What is over stays, as
   * history.
   */
  | { kind: 'clearAhead'; meetingId: number; zoomHash: string }
  /** Delete Zoom occurrences of the booking's series that Google does not have (UTC starts). */
  | { kind: 'deleteOccurrences'; starts: string[] }
  /**
   * Make one Zoom occurrence of the series match a Google exception, then record `hash` as
   * applied (`null`: the occurrence is back as the rule makes it).
   */
  | { kind: 'applyOverride'; originalStart: string; change: OverrideChange; hash: string | null }
  /** Record (store only) a Google exception of the series. */
  | { kind: 'putOverride'; override: OccurrenceOverrideInput }
  /** per_occurrence: one meeting per occurrence, created, updated or deleted. */
  | { kind: 'createOccurrenceMeeting'; host: string; meeting: OccurrenceMeetingPlan }
  | { kind: 'updateOccurrenceMeeting'; meetingId: number; meeting: OccurrenceMeetingPlan }
  | { kind: 'deleteOccurrenceMeeting'; meetingId: number; occurrenceStart: string }
  /** per_occurrence: the link records its strategy, hash and window (store only). */
  | {
      kind: 'setOccurrenceStrategy';
      host: string;
      zoomHash: string;
      window: { from: string; to: string } | null;
      reason: string | null;
      rooms: string[];
      poolCheck?: PoolCheck;
    }
  /** Write (or rewrite) our block, the location and the meeting id into the event. */
  | { kind: 'writeBack'; event: LiveEvent }
  /**
   * Write our block into the copies of the series' live exceptions whose recorded block is not
   * the link's (after the series' own write-back, whose hash they are compared with).
   */
  | { kind: 'writeExceptionBlocks'; master: LiveEvent }
  /**
   * Take our block, location and property out of the copies we wrote (`calendarIds`: only those
   * rooms' copies), where they still exist.
   */
  | { kind: 'removeBlock'; calendarIds?: string[] }
  /** Store only: the rooms that hold the booking. */
  | { kind: 'setRooms'; rooms: string[] }
  /** Store only: this room no longer holds the booking; another watched room still does. */
  | { kind: 'dropRoom'; calendarId: string }
  /** Store only: the booking is recorded as skipped or foreign (never touched), and why. */
  | {
      kind: 'recordIgnored';
      strategy: 'skipped' | 'foreign';
      reason: string;
      code: SkipReason;
      rooms: string[];
    }
  /** Store only: the booking is gone and its meeting deleted. */
  | { kind: 'markDeleted' }
  /** Store only: every step is done; the link is `linked`. */
  | { kind: 'markLinked' }
  /**
   * Store only: the booking waits, with no call, until `until` (ISO UTC), and is then planned
   * again from its stored event (an occurrence of its series is in progress).
   */
  | { kind: 'waitUntil'; until: string; reason: string };

export type ActionKind = Action['kind'];

/** The planner's answer for one event. */
export interface EventPlan {
  /** The booking the event belongs to (a series' master id for its instances). */
  bookingId: string;
  actions: Action[];
  /** Set when the event gets no meeting of its own, and why. */
  skipped?: { reason: SkipReason; detail: string };
  /**
   * An instance of a series whose master is not known yet (it may come later in the same pass):
   * the engine holds it back until the end of the pass and plans it again.
   */
  waitForMaster?: boolean;
  /**
   * The organizer's address, when the plan sends a meeting request and Zoom was not asked yet
   * whether the organizer may be an alternative host: the engine looks them up, then plans again.
   */
  lookUpOrganizer?: string;
}
