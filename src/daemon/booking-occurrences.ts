import type { LiveEvent } from '../domain/calendar-event.js';
import {
  EventInputError,
  expandParsedEvent,
  parseEvent,
  RecurrenceNotExpandable,
  zoomOccurrenceId,
} from '../recurrence/index.js';
import type { Link, OccurrenceMeeting, OccurrenceOverride } from '../store/index.js';

/**
 * A booking's occurrences, Google's side and Zoom's side by side: Google's from the stored event
 * expanded (pure) with the instances the store records as cancelled or moved, Zoom's from what
 * the store recorded creating (the meeting, its window, its per-occurrence meetings) and which of
 * those instances were applied in Zoom. Nothing here asks Zoom: it is what zoomlink knows.
 */
export interface OccurrenceRow {
  /** The occurrence's original start (ISO UTC): the key both sides share. */
  originalStart: string;
  google: GoogleSide;
  zoom: ZoomSide;
}

export type GoogleSide =
  | { kind: 'as_rule'; start: string; end: string }
  | { kind: 'moved'; start: string; end: string }
  | { kind: 'cancelled' };

export type ZoomSide =
  /** Zoom's series has it: its occurrence id, and its time when it was moved there. */
  | { kind: 'occurrence'; occurrenceId: string; movedTo?: string; pending: boolean }
  /** Cancelled in Google: deleted in Zoom (or not yet, when `pending`). */
  | { kind: 'deleted'; occurrenceId: string; pending: boolean }
  /** Its own meeting (one per occurrence, or the booking's one meeting). */
  | { kind: 'meeting'; meetingId: number; joinUrl: string | null }
  /** Covered by the booking's meeting with no fixed time. */
  | { kind: 'no_fixed_time'; meetingId: number }
  /** Nothing in Zoom, and why. */
  | { kind: 'none'; why: string };

export interface OccurrenceTable {
  rows: OccurrenceRow[];
  /** Why there are fewer rows than occurrences, or none: for the reader. */
  note?: string;
}

/** Most occurrences shown; a longer series says so. */
export const occurrencesShown = 60;
const PAGE_SCAN_LIMIT = 5000;

export function occurrenceTable(
  link: Link,
  event: LiveEvent | undefined,
  overrides: OccurrenceOverride[],
  meetings: OccurrenceMeeting[],
  now: Date,
): OccurrenceTable {
  if (!event) return { rows: [], note: 'zoomlink keeps no copy of this booking’s event.' };
  let expanded: Array<{ start: Date; end: Date }>;
  let note: string | undefined;
  try {
    const parsed = parseEvent(event.resource);
    // A week back, then what is ahead: what an operator asks about.
    const from = event.kind === 'master' ? new Date(now.getTime() - 7 * 86_400_000) : undefined;
    expanded = expandParsedEvent(parsed, {
      ...(from ? { from } : {}),
      limit: occurrencesShown + 1,
      scanLimit: PAGE_SCAN_LIMIT,
    });
    if (expanded.length > occurrencesShown) {
      expanded = expanded.slice(0, occurrencesShown);
      note = `The first ${occurrencesShown} occurrences from a week ago are shown.`;
    }
  } catch (error) {
    if (!(error instanceof EventInputError || error instanceof RecurrenceNotExpandable))
      throw error;
    return { rows: [], note: `Google’s occurrences cannot be listed: ${error.message}` };
  }
  const byStart = new Map(overrides.map((o) => [Date.parse(o.originalStart), o]));
  const rows: OccurrenceRow[] = expanded.map((o) => {
    const ms = o.start.getTime();
    const override = byStart.get(ms);
    byStart.delete(ms);
    return rowOf(link, ms, o.end.getTime() - ms, override, meetings);
  });
  // Instances the store records outside the rows above (moved from far away, or long past).
  for (const [ms, override] of byStart) rows.push(rowOf(link, ms, 0, override, meetings));
  rows.sort((a, b) => a.originalStart.localeCompare(b.originalStart));
  if (rows.length === 0) note = 'No occurrence from a week ago on.';
  return note ? { rows, note } : { rows };
}

function rowOf(
  link: Link,
  ms: number,
  durationMs: number,
  override: OccurrenceOverride | undefined,
  meetings: OccurrenceMeeting[],
): OccurrenceRow {
  const originalStart = new Date(ms).toISOString();
  let google: GoogleSide;
  if (override?.kind === 'deleted') google = { kind: 'cancelled' };
  else if (override?.kind === 'moved' && override.newStart) {
    const start = Date.parse(override.newStart);
    const length = override.newDurationMinutes ? override.newDurationMinutes * 60_000 : durationMs;
    google = {
      kind: 'moved',
      start: new Date(start).toISOString(),
      end: new Date(start + length).toISOString(),
    };
  } else
    google = {
      kind: 'as_rule',
      start: originalStart,
      end: new Date(ms + durationMs).toISOString(),
    };
  return { originalStart, google, zoom: zoomSide(link, ms, google, override, meetings) };
}

function zoomSide(
  link: Link,
  ms: number,
  google: GoogleSide,
  override: OccurrenceOverride | undefined,
  meetings: OccurrenceMeeting[],
): ZoomSide {
  if (link.state === 'ignored')
    return { kind: 'none', why: link.strategy === 'foreign' ? 'another Zoom link' : 'skipped' };
  if (link.state === 'deleted') return { kind: 'none', why: 'the booking is gone' };
  const meetingId = link.zoomMeetingId;
  switch (link.strategy) {
    case 'per_occurrence': {
      if (google.kind === 'cancelled') return { kind: 'none', why: 'cancelled: no meeting' };
      const own = meetings.find((m) => Date.parse(m.occurrenceStart) === ms);
      return own
        ? { kind: 'meeting', meetingId: own.zoomMeetingId, joinUrl: own.joinUrl }
        : { kind: 'none', why: 'no meeting yet (made within the horizon)' };
    }
    case 'no_fixed_time':
      return meetingId === null
        ? { kind: 'none', why: 'no meeting yet' }
        : { kind: 'no_fixed_time', meetingId };
    case 'series': {
      if (meetingId === null) return { kind: 'none', why: 'no meeting yet' };
      const from = link.windowFrom ? Date.parse(link.windowFrom) : -Infinity;
      const to = link.windowTo ? Date.parse(link.windowTo) : Infinity;
      if (ms < from) return { kind: 'none', why: 'before the Zoom series’ window' };
      if (ms > to) return { kind: 'none', why: 'after the window: added when it moves forward' };
      const occurrenceId = zoomOccurrenceId(new Date(ms));
      const pending = override !== undefined && override.appliedHash === null;
      if (google.kind === 'cancelled') return { kind: 'deleted', occurrenceId, pending };
      return google.kind === 'moved'
        ? { kind: 'occurrence', occurrenceId, movedTo: google.start, pending }
        : { kind: 'occurrence', occurrenceId, pending: false };
    }
    default:
      return meetingId === null
        ? { kind: 'none', why: 'no meeting yet' }
        : { kind: 'meeting', meetingId, joinUrl: link.joinUrl };
  }
}
