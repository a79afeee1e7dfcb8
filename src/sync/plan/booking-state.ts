import type { LiveEvent } from '../../domain/calendar-event.js';
import type { RecurrenceConfig } from '../../config/schema.js';
import type {
  Link,
  OccurrenceMeeting,
  OccurrenceOverride,
  ZoomUserLookup,
} from '../../store/index.js';
import type { WatchedRooms } from './booking-rooms.js';
import type { PoolState } from './plan-pool.js';
import type { ScopeConfig } from './room-settings.js';

/** What the store knows of one booking, as the planner reads it. */
export interface BookingState {
  link?: Link;
  /** The series' Google exceptions as recorded, by original start. */
  overrides: OccurrenceOverride[];
  /** per_occurrence: the meetings made so far. */
  occurrenceMeetings: OccurrenceMeeting[];
  /** For an instance: its series master as last processed (the link's snapshot). */
  master?: LiveEvent;
  /** Every room zoomlink watches (the host rule and "does another room still hold it"). */
  watched: WatchedRooms;
  /** What Zoom said of the organizer, when they were looked up (alternative hosts). */
  organizer?: ZoomUserLookup;
  /** The shared host pool, when the booking's room takes its host from it (`rooms.hostPool`). */
  pool?: PoolState;
  /**
   * The organizer's copy is cancelled or gone: a room that reports the booking gone speaks for
   * every room (set by the pass, which read that copy; see `organizer-cancelled.ts`).
   */
  cancelledByOrganizer?: boolean;
  /**
   * Meeting ids the event's Zoom links name that this database recorded making (loaded for a
   * booking not linked yet): a series split off one of ours carries our location even when
   * someone deleted our block, and that link is ours, not someone else's.
   */
  ourMeetingIds?: ReadonlySet<string>;
}

/** The part of the configuration planning reads. */
export interface PlanConfig extends ScopeConfig {
  recurrence: RecurrenceConfig;
}

/** A link that stands for a meeting of ours (not deleted, skipped or foreign). */
export function isLiveLink(link: Pick<Link, 'state' | 'strategy'> | undefined): boolean {
  return (
    link !== undefined &&
    link.state !== 'deleted' &&
    link.strategy !== 'foreign' &&
    link.strategy !== 'skipped'
  );
}

/** Whether a link has Zoom meetings to look after (its own, or per-occurrence ones). */
export function hasMeeting(link: Link, occurrenceMeetings: readonly OccurrenceMeeting[]): boolean {
  return link.strategy === 'per_occurrence'
    ? occurrenceMeetings.length > 0
    : link.zoomMeetingId !== null;
}

/** A modified instance (not a cancelled one) that is not over: its copies should carry the block. */
export function isLiveException(override: OccurrenceOverride, now: Date): boolean {
  const snapshot = override.eventSnapshot;
  if (override.kind !== 'moved' || snapshot?.kind !== 'exception') return false;
  const end = Date.parse(snapshot.end.dateTime ?? snapshot.start.dateTime ?? '');
  return Number.isFinite(end) && end > now.getTime();
}
