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

/** One row per booking and room it holds. */
type ScheduledRow = [
  eventId: string,
  calendarId: string | null,
  state: LinkState,
  strategy: LinkStrategy,
  title: string | null,
  startsAt: string,
  endsAt: string | null,
  updatedAt: string,
];

export function createLinkReads(db: Database): LinkReads {
  const title = db
    .prepare<[string], string | null>('SELECT title FROM links WHERE event_id = ?')
    .pluck();
  // From the index `links_on_calendar` alone, its rooms joined in: thousands of bookings a week on
  // a large installation, read on every fresh status page, as raw rows (no object per row).
  const overlapping = db
    .prepare<[{ from: string; to: string }], ScheduledRow>(
      `SELECT l.event_id, r.calendar_id, l.state, l.strategy, l.title, l.starts_at, l.ends_at,
         l.updated_at
       FROM links l INDEXED BY links_on_calendar
       LEFT JOIN link_rooms r ON r.event_id = l.event_id
       WHERE l.state IN ('pending', 'linked', 'failed', 'ignored')
         AND l.starts_at < @to AND (l.ends_at IS NULL OR l.ends_at > @from)
       ORDER BY l.starts_at, l.event_id`,
    )
    .raw();
  return {
    getTitle: (eventId) => title.get(eventId) ?? undefined,
    listOverlapping: (from, to) => {
      const range = { from: toStoredTime(from, 'from'), to: toStoredTime(to, 'to') };
      const out: ScheduledLink[] = [];
      for (const [
        eventId,
        calendarId,
        state,
        strategy,
        title,
        startsAt,
        endsAt,
        updatedAt,
      ] of overlapping.all(range)) {
        const last = out.at(-1);
        if (last?.eventId === eventId) {
          if (calendarId !== null) last.rooms.push(calendarId);
          continue;
        }
        out.push({
          eventId,
          state,
          strategy,
          title,
          startsAt,
          endsAt,
          rooms: calendarId === null ? [] : [calendarId],
          updatedAt,
        });
      }
      return out;
    },
  };
}
