import type { CalendarEvent } from '../domain/calendar-event.js';
import type { TimeInput } from './time.js';

/**
 * How a booking is (or is deliberately not) paired with Zoom:
 * - `single`: one scheduled meeting (Zoom type 2);
 * - `series`: one recurring meeting with fixed times (type 8) covering `windowFrom`–`windowTo`;
 * - `no_fixed_time`: one recurring meeting with no fixed time (type 3), the fallback for rules
 *   Zoom cannot express;
 * - `per_occurrence`: the other fallback, one meeting per occurrence (`occurrenceMeetings`);
 * - `foreign`: the booking already had a Zoom link zoomlink did not make; left alone;
 * - `skipped`: not a booking we link (all-day, declined by the room, past…), `reason` says why.
 */
export const linkStrategies = [
  'single',
  'series',
  'no_fixed_time',
  'per_occurrence',
  'foreign',
  'skipped',
] as const;
export type LinkStrategy = (typeof linkStrategies)[number];

/**
 * Where a link stands:
 * - `pending`: decided, not finished (no meeting yet, or a meeting whose link is not yet written
 *   back: `zoomMeetingId` tells which), or waiting without having failed (`defer`, e.g. for a
 *   parked Zoom host) until `nextAttemptAt`;
 * - `linked`: the meeting exists and the link is written back; the hashes say for what;
 * - `failed`: the last try failed; `nextAttemptAt` says when to try again (`listDue`);
 * - `deleted`: the booking is gone and its meeting deleted; kept as history;
 * - `ignored`: `foreign` and `skipped` bookings, and only they.
 */
export const linkStates = ['pending', 'linked', 'failed', 'deleted', 'ignored'] as const;
export type LinkState = (typeof linkStates)[number];

/** One booking and its Zoom meeting. Times are ISO UTC strings. */
export interface Link {
  /** Google's event id, the same on every copy of the event (organizer's and rooms'). */
  eventId: string;
  icalUid: string;
  organizerEmail: string;
  strategy: LinkStrategy;
  state: LinkState;
  zoomMeetingId: number | null;
  zoomHost: string | null;
  joinUrl: string | null;
  passcode: string | null;
  /** The span of occurrences the meeting covers (series windows, per-occurrence horizon). */
  windowFrom: string | null;
  windowTo: string | null;
  /** Hash of what matters to Zoom (title, times, zone, recurrence, exceptions, status). */
  zoomHash: string | null;
  /** Hash of the block (and fields) last written into the event. */
  writebackHash: string | null;
  /** The copy the link was written to, and the user zoomlink acted as to write it. */
  writebackCalendarId: string | null;
  writebackAs: string | null;
  /** Failed tries since the last success. */
  attempts: number;
  /** When a failed or deferred link is due again (`listDue`). */
  nextAttemptAt: string | null;
  /** The last problem: an error, or why the link waits (redacted). */
  lastError: string | null;
  lastErrorAt: string | null;
  /** Why a fallback strategy was chosen, or why the booking is skipped. */
  reason: string | null;
  /** Room calendars that hold the booking, sorted; one meeting serves them all. */
  rooms: string[];
  createdAt: string;
  updatedAt: string;
}

/** What `links.upsert` writes: the whole row (absent fields become empty), times as Date or ISO. */
export interface LinkInput {
  eventId: string;
  icalUid: string;
  organizerEmail?: string;
  strategy: LinkStrategy;
  state: LinkState;
  zoomMeetingId?: number | null;
  zoomHost?: string | null;
  joinUrl?: string | null;
  passcode?: string | null;
  windowFrom?: TimeInput | null;
  windowTo?: TimeInput | null;
  zoomHash?: string | null;
  writebackHash?: string | null;
  writebackCalendarId?: string | null;
  writebackAs?: string | null;
  attempts?: number;
  nextAttemptAt?: TimeInput | null;
  lastError?: string | null;
  lastErrorAt?: TimeInput | null;
  reason?: string | null;
  /**
   * The booking's event as last processed (normalised), so a failed or deferred link can be
   * planned again after the room's sync token has moved past it (`links.getSnapshot`). When
   * given (null clears it), it replaces the stored one; when absent, the stored one is kept.
   */
  eventSnapshot?: CalendarEvent | null;
  /** When given, the booking's rooms become exactly these; when absent, they are kept. */
  rooms?: readonly string[];
  /**
   * When the booking starts and ends (`LinkSpan`), for the upcoming list and the history prune.
   * Like the snapshot: when given (null clears it) it replaces the stored one; when absent, the
   * stored one is kept. It is not part of `Link`: only those two queries read it.
   */
  span?: LinkSpan | null;
  /**
   * Why an `ignored` booking has no meeting, as the planner's stable skip code (`all_day`,
   * `policy_opt_in`, `other_conference`…), for the status page's counts. Like the span: when
   * given (null clears it) it replaces the stored one; when absent, the stored one is kept.
   */
  skipCode?: string | null;
  /**
   * The booking's title, read by `links.getTitle` and `listOverlapping` (not part of `Link`).
   * When absent it comes from `eventSnapshot` when that is a live event, else the stored one is
   * kept (a deletion or a cleared snapshot keeps the title people knew it by); null clears it.
   */
  title?: string | null;
}

/** A booking's first start and the end of its last occurrence (null: none, or not known). */
export interface LinkSpan {
  startsAt: TimeInput;
  endsAt: TimeInput | null;
}

/** Fields to change on an existing link; absent (undefined) fields keep their value. */
export type LinkPatch = Partial<Omit<LinkInput, 'eventId'>>;

/** What `markLinked` may set besides the state it implies. */
export type LinkedPatch = Omit<
  LinkPatch,
  'state' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'lastErrorAt'
>;

/**
 * A booking on the calendar, as the week view draws it: its state, what it is and when, without
 * the event snapshot (read on its own, and only for the bookings whose span says they repeat).
 */
export interface ScheduledLink {
  eventId: string;
  state: LinkState;
  strategy: LinkStrategy;
  title: string | null;
  /** The first start and the end of the last occurrence (null: no known end). */
  startsAt: string;
  endsAt: string | null;
  rooms: string[];
  updatedAt: string;
}
