import type { OccurrenceDrift } from './occurrence-drift.js';

/**
 * What the sync engine offers its callers (the CLI's `sync`, `reconcile`, `status` commands and
 * the daemon's scheduler and status page). The engine itself is in `engine.ts`.
 */

/** Why an event got no meeting of its own (counted per poll). */
export type SkipReason =
  | 'all_day'
  | 'declined_by_room'
  | 'finished'
  | 'not_a_booking'
  | 'foreign_zoom_link'
  | 'unsupported'
  /** Out of scope: policy `optIn` and no keyword asks for a meeting. */
  | 'policy_opt_in'
  /** Out of scope: policy `optOut` and a keyword refuses a meeting. */
  | 'policy_opt_out'
  /** It already carries another video conference (Meet, Teams, Webex…). */
  | 'other_conference';

export interface PassCounts {
  eventsSeen: number;
  meetingsCreated: number;
  meetingsUpdated: number;
  meetingsDeleted: number;
  occurrencesChanged: number;
  linksWritten: number;
  linksRemoved: number;
  skipped: Partial<Record<SkipReason, number>>;
  /** Events whose processing failed this time (recorded with their next attempt). */
  failed: number;
  /** Events waiting, not failing: for a parked Zoom host, or for an occurrence in progress to end. */
  deferred: number;
  /** Events of rooms in observe mode: planned and recorded, not acted on. */
  observed: number;
}

export interface RoomPollResult extends PassCounts {
  calendarId: string;
  ok: boolean;
  /** Set when the room itself could not be read (the others went on). */
  error?: { code: string; message: string };
  /** True when the stored sync token was refused (410) and a full sync was done instead. */
  fullSync: boolean;
  durationMs: number;
}

export interface PassSummary extends PassCounts {
  rooms: number;
  roomsFailed: number;
  results: RoomPollResult[];
  durationMs: number;
}

export interface ReconcileFinding {
  kind:
    | 'meeting_missing'
    | 'block_missing'
    | 'passcode_changed'
    /** The meeting's topic, time or length was changed in Zoom (the booking says otherwise). */
    | 'meeting_changed'
    | 'occurrences_differ'
    | 'orphan_meeting'
    /** Carries our marker, but this database never recorded creating it: reported, never deleted. */
    | 'unrecorded_meeting';
  eventId?: string;
  meetingId?: number;
  host?: string;
  detail: string;
  /** `occurrences_differ`: the difference, by the instances' original starts. */
  occurrences?: OccurrenceDrift;
  /** With `fix`: what was done about it. */
  fixed?: boolean;
}

/** A Zoom webhook's news about a meeting (`meeting.updated`, `meeting.deleted`). */
export interface ZoomChange {
  event: string;
  meetingId: number;
}

/** What a Zoom change led to: no booking of ours, folded into a check running, or checked. */
export type ZoomChangeOutcome =
  | { outcome: 'unknown_meeting' }
  | { outcome: 'coalesced'; eventId: string }
  | { outcome: 'checked'; eventId: string; findings: ReconcileFinding[] };

export interface ReconcileReport {
  checked: number;
  findings: ReconcileFinding[];
}

export interface PollOptions {
  /** Only these room calendar ids (default: every room). */
  rooms?: string[];
  /** Called after each room, for a progress bar. */
  onRoomDone?: (result: RoomPollResult, done: number, total: number) => void;
  /**
   * Stop starting new rooms when this signal aborts (shutdown); rooms in flight finish, and so do
   * the bookings being worked on; what is left stays queued for the next start.
   */
  signal?: AbortSignal;
  /**
   * Read and queue only, without waiting for the work (the daemon: its workers run on while the
   * next poll comes). By default a poll returns when the work it queued is done.
   */
  background?: boolean;
  /** Of the rooms selected, poll only those this accepts (push: rooms with a healthy channel wait). */
  roomFilter?: (calendarId: string) => boolean;
  /** Told every watched room's calendar id once the rooms are listed (push channels follow them). */
  onRooms?: (calendarIds: string[]) => void;
  /**
   * Use the rooms the last pass listed, without asking the Directory again and without the
   * recovery of open intents (a push notification's quick read of one room).
   */
  reuseRooms?: boolean;
}

/** The work queue as it stands. */
export interface QueueStatus {
  /** Bookings queued (held ones included), and held for their master. */
  queued: number;
  held: number;
  /** Bookings being worked on now. */
  inFlight: number;
  /** When the longest-waiting queued booking was queued (null: none). */
  oldestQueuedAt: string | null;
}

export interface SyncEngine {
  /**
   * One pass over the rooms: first the open intents a crash left (adopt the meeting carrying the
   * marker, or abandon), then read each room's changes onto the work queue (storing its sync
   * token with its last page), while the workers plan and apply what is queued — what earlier
   * runs left first, soonest meeting first. Returns when the work is done (unless `background`).
   */
  poll(options?: PollOptions): Promise<PassSummary>;
  /** No new booking is started; resolves when those being worked on are done (shutdown). */
  stop(): Promise<void>;
  queueStatus(): QueueStatus;
  /** Told the counts of every booking the workers finish (the daemon's metrics); unsubscribes. */
  onWorked(listener: (counts: PassCounts) => void): () => void;
  /** Moves the windows of long or unbounded series forward, keeping their links. */
  moveWindows(options?: { signal?: AbortSignal }): Promise<PassSummary>;
  /** Compares stored links with Zoom and Google; with `fix`, repairs what it can. */
  reconcile(options: { fix: boolean; signal?: AbortSignal }): Promise<ReconcileReport>;
  /**
   * A Zoom webhook said a meeting changed: the booking that links it is checked and, with
   * `sync.reconcileFix`, repaired, as reconcile does; an unknown meeting is ignored.
   */
  zoomChanged(change: ZoomChange): Promise<ZoomChangeOutcome>;
}
