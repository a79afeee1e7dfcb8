import type { Link, LinkInput } from './link-types.js';
import { redactText } from '../log.js';
import { fromRow, type RowOf } from './row-mapping.js';
import { toStoredTime, toStoredTimeOrNull } from './time.js';

/** How a link is stored: its row, the parameters its upsert binds, and the columns a read selects. */

export type LinkRow = RowOf<Omit<Link, 'rooms'>> & { rooms_json: string };

export function toLink({ rooms_json, ...row }: LinkRow): Link {
  return {
    ...fromRow<Omit<Link, 'rooms'>>(row),
    rooms: (JSON.parse(rooms_json) as string[]).sort(),
  };
}

/** The row as bound to the upsert statement: every column, times canonical. */
export function toParams(link: LinkInput, now: string) {
  return {
    eventId: link.eventId,
    icalUid: link.icalUid,
    organizerEmail: link.organizerEmail ?? '',
    strategy: link.strategy,
    state: link.state,
    zoomMeetingId: link.zoomMeetingId ?? null,
    zoomHost: link.zoomHost ?? null,
    joinUrl: link.joinUrl ?? null,
    passcode: link.passcode ?? null,
    windowFrom: toStoredTimeOrNull(link.windowFrom, 'windowFrom'),
    windowTo: toStoredTimeOrNull(link.windowTo, 'windowTo'),
    zoomHash: link.zoomHash ?? null,
    writebackHash: link.writebackHash ?? null,
    writebackCalendarId: link.writebackCalendarId ?? null,
    writebackAs: link.writebackAs ?? null,
    attempts: link.attempts ?? 0,
    nextAttemptAt: toStoredTimeOrNull(link.nextAttemptAt, 'nextAttemptAt'),
    lastError: link.lastError == null ? null : redactText(link.lastError),
    lastErrorAt: toStoredTimeOrNull(link.lastErrorAt, 'lastErrorAt'),
    reason: link.reason ?? null,
    keepSnapshot: link.eventSnapshot === undefined ? 1 : 0,
    eventSnapshot: link.eventSnapshot == null ? null : JSON.stringify(link.eventSnapshot),
    keepSpan: link.span === undefined ? 1 : 0,
    startsAt: link.span == null ? null : toStoredTime(link.span.startsAt, 'span.startsAt'),
    endsAt: toStoredTimeOrNull(link.span?.endsAt, 'span.endsAt'),
    keepSkipCode: link.skipCode === undefined ? 1 : 0,
    skipCode: link.skipCode ?? null,
    ...titleParams(link),
    now,
  };
}

/** The title given, or a live snapshot's summary; `keepTitle` when neither says anything. */
function titleParams(link: LinkInput): { keepTitle: 0 | 1; title: string | null } {
  if (link.title !== undefined) return { keepTitle: 0, title: link.title };
  const event = link.eventSnapshot;
  if (event && (event.kind === 'single' || event.kind === 'master'))
    return { keepTitle: 0, title: event.summary };
  return { keepTitle: 1, title: null };
}

export type LinkParams = ReturnType<typeof toParams>;

// Every column but the event snapshot (read on its own: it is large, and only retries need it).
export const selectLink = `SELECT l.event_id, l.ical_uid, l.organizer_email, l.strategy, l.state,
  l.zoom_meeting_id, l.zoom_host, l.join_url, l.passcode, l.window_from, l.window_to, l.zoom_hash,
  l.writeback_hash, l.writeback_calendar_id, l.writeback_as, l.attempts, l.next_attempt_at,
  l.last_error, l.last_error_at, l.reason, l.created_at, l.updated_at,
  (SELECT json_group_array(r.calendar_id) FROM link_rooms r WHERE r.event_id = l.event_id)
    AS rooms_json
  FROM links l`;
