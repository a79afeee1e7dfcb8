import type { Database } from 'better-sqlite3';
import type { LinkState, LinkStrategy, ScheduledLink } from './link-types.js';
import { toStoredTime } from './time.js';

/** Reads of links for what people look at (the week view, a booking's page, log sentences). */
export interface LinkReads {
  /** The booking's title as last known (`LinkInput.title`), also after it was cancelled. */
  getTitle(eventId: string): string | undefined;
  /**
   * Bookings on the calendar between `from` and `to`: pending, linked, failed and ignored links
   * whose span starts before `to` and ends after `from` (or has no known end), by start. Read
   * through the index on (state, starts_at, ends_at), without the event snapshots.
   */
  listOverlapping(from: Date, to: Date): ScheduledLink[];
}

interface ScheduledRow {
  event_id: string;
  state: LinkState;
  strategy: LinkStrategy;
  title: string | null;
  starts_at: string;
  ends_at: string | null;
  updated_at: string;
  rooms_json: string;
}

export function createLinkReads(db: Database): LinkReads {
  const title = db
    .prepare<[string], string | null>('SELECT title FROM links WHERE event_id = ?')
    .pluck();
  const overlapping = db.prepare<[{ from: string; to: string }], ScheduledRow>(
    `SELECT l.event_id, l.state, l.strategy, l.title, l.starts_at, l.ends_at, l.updated_at,
       (SELECT json_group_array(r.calendar_id) FROM link_rooms r WHERE r.event_id = l.event_id)
         AS rooms_json
     FROM links l
     WHERE l.state IN ('pending', 'linked', 'failed', 'ignored')
       AND l.starts_at < @to AND (l.ends_at IS NULL OR l.ends_at > @from)
     ORDER BY l.starts_at, l.event_id`,
  );
  return {
    getTitle: (eventId) => title.get(eventId) ?? undefined,
    listOverlapping: (from, to) =>
      overlapping
        .all({ from: toStoredTime(from, 'from'), to: toStoredTime(to, 'to') })
        .map((row) => ({
          eventId: row.event_id,
          state: row.state,
          strategy: row.strategy,
          title: row.title,
          startsAt: row.starts_at,
          endsAt: row.ends_at,
          rooms: JSON.parse(row.rooms_json) as string[],
          updatedAt: row.updated_at,
        })),
  };
}
