import type { Decommission, Link, OccurrenceMeeting } from '../../store/index.js';
import type { LiveEvent } from '../../domain/calendar-event.js';
import { bookingSpan } from './booking-span.js';
import { isLiveLink } from './booking-state.js';

/**
 * What `zoomlink decommission` does for one booking (pure), given its link, its per-occurrence
 * meetings, its stored event and its journal entry. A booking not over loses the meetings
 * zoomlink made for it and our block, location and property in every copy we wrote; a booking
 * that is over is left as history (its meeting and its block stay true). Steps the journal
 * records done are not planned again.
 */
export interface DecommissionPlan {
  eventId: string;
  /** The booking is over: nothing is touched; it is only marked decommissioned. */
  over: boolean;
  /** The booking's own meeting to delete (single, series, no fixed time). */
  deleteMeeting: number | null;
  /** per_occurrence: the meetings of occurrences not over. */
  deleteOccurrenceMeetings: { meetingId: number; occurrenceStart: string }[];
  /** Our block is in copies we wrote (and is still to be taken out). */
  removeBlock: boolean;
  /** The journal says it is done. */
  done: boolean;
}

/** What `zoomlink decommission` did (or, without `apply`, would do) for one booking. */
export interface DecommissionItem {
  eventId: string;
  rooms: string[];
  /** Over: left as history, only marked. */
  over: boolean;
  /** Meetings deleted (or to delete). */
  meetings: number[];
  /** Copies of the event our block is taken out of (or is to be). */
  copies: number;
  status: 'planned' | 'done' | 'already' | 'failed';
  error?: string;
}

export interface DecommissionReport {
  bookings: DecommissionItem[];
  meetingsDeleted: number;
  /** Copies our block, location and property were taken out of. */
  linksRemoved: number;
  failed: number;
}

/** The links decommission looks after: every one that stands for a meeting of ours. */
export function isDecommissionable(link: Link): boolean {
  return isLiveLink(link);
}

export function planDecommission(
  link: Link,
  occurrenceMeetings: readonly OccurrenceMeeting[],
  snapshot: LiveEvent | undefined,
  journal: Decommission | undefined,
  now: Date,
): DecommissionPlan {
  const plan: DecommissionPlan = {
    eventId: link.eventId,
    over: isOver(snapshot, link, occurrenceMeetings, now),
    deleteMeeting: null,
    deleteOccurrenceMeetings: [],
    removeBlock: false,
    done: journal?.state === 'done',
  };
  if (plan.done || plan.over) return plan;
  if (journal?.state !== 'meetings_deleted') {
    if (link.strategy === 'per_occurrence')
      plan.deleteOccurrenceMeetings = occurrenceMeetings
        .filter((m) => endOf(m) > now.getTime())
        .map((m) => ({ meetingId: m.zoomMeetingId, occurrenceStart: m.occurrenceStart }));
    else plan.deleteMeeting = link.zoomMeetingId;
  }
  plan.removeBlock = link.writebackCalendarId !== null;
  return plan;
}

const endOf = (m: OccurrenceMeeting) => Date.parse(m.occurrenceStart) + m.durationMinutes * 60_000;

/**
 * Over: its last occurrence has ended (a series without a known end never is); for one meeting per
 * occurrence, when every meeting's occurrence has. Without a readable event, not over.
 */
function isOver(
  snapshot: LiveEvent | undefined,
  link: Link,
  occurrenceMeetings: readonly OccurrenceMeeting[],
  now: Date,
): boolean {
  if (link.strategy === 'per_occurrence' && occurrenceMeetings.length > 0)
    if (occurrenceMeetings.some((m) => endOf(m) > now.getTime())) return false;
  const end = snapshot ? bookingSpan(snapshot)?.endsAt : undefined;
  return end !== undefined && end !== null && new Date(end).getTime() <= now.getTime();
}
