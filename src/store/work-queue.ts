import type { Database } from 'better-sqlite3';
import type { CalendarEvent } from '../domain/calendar-event.js';
import { stampNow, type Clock } from './clock.js';
import { toStoredTime, type TimeInput } from './time.js';

/**
 * The work queue (schema 7): the bookings polls found changed, each with the normalised events
 * still to be worked, taken soonest meeting first. The sync engine decides what goes in a row
 * (`src/sync/plan/queued-booking.ts`: newer copies replace older ones, a master goes before its
 * exceptions); this repository keeps rows and hands out the next one.
 */

/** One event of a queued booking. */
export interface QueuedEvent {
  /** Which copy this is: the room it was read from and its event id (`room\nevent`). */
  key: string;
  /** The row's version that brought it: a worker removes exactly the events it took. */
  seq: number;
  /** When the booking's next occurrence starts, as this event shows it (ISO UTC). */
  priorityAt: string;
  event: CalendarEvent;
}

export interface QueuedBooking {
  bookingId: string;
  /** The soonest of its events' `priorityAt`: the order rows are worked in. */
  priorityAt: string;
  events: QueuedEvent[];
  /** Counts the changes to the row (1 when first queued). */
  version: number;
  /** Its instances wait for their master until this room's read is over (lower case). */
  heldRoom: string | null;
  /** When the booking was first queued (kept when newer events replace older ones). */
  queuedAt: string;
  updatedAt: string;
}

export interface QueueCounts {
  /** Rows in the queue, held ones included. */
  queued: number;
  held: number;
  /** When the longest-waiting row was queued; null for an empty queue. */
  oldestQueuedAt: string | null;
}

export interface WorkQueueRepository {
  get(bookingId: string): QueuedBooking | undefined;
  /**
   * Writes the row's events (insert, or replace keeping its place and `queuedAt`) and returns
   * it with its new version.
   */
  put(
    bookingId: string,
    row: { events: QueuedEvent[]; priorityAt: TimeInput; heldRoom?: string | null },
  ): QueuedBooking;
  remove(bookingId: string): boolean;
  /** The row to work next: the soonest not held and not among `exclude` (those in flight). */
  next(exclude: readonly string[]): QueuedBooking | undefined;
  /** Lets the rows held for `room` (every held row when null) be worked again. */
  releaseHeld(room: string | null): number;
  counts(): QueueCounts;
}

interface QueueRow {
  seq: number;
  booking_id: string;
  priority_at: string;
  events: string;
  version: number;
  held_room: string | null;
  queued_at: string;
  updated_at: string;
}

const toBooking = (row: QueueRow): QueuedBooking => ({
  bookingId: row.booking_id,
  priorityAt: row.priority_at,
  events: JSON.parse(row.events) as QueuedEvent[],
  version: row.version,
  heldRoom: row.held_room,
  queuedAt: row.queued_at,
  updatedAt: row.updated_at,
});

export function createWorkQueueRepository(db: Database, clock: Clock): WorkQueueRepository {
  const get = db.prepare<[string], QueueRow>('SELECT * FROM work_queue WHERE booking_id = ?');
  const put = db.prepare<
    [{ id: string; priority: string; events: string; held: string | null; now: string }],
    QueueRow
  >(
    `INSERT INTO work_queue (booking_id, priority_at, events, held_room, queued_at, updated_at)
     VALUES (@id, @priority, @events, @held, @now, @now)
     ON CONFLICT (booking_id) DO UPDATE SET priority_at = @priority, events = @events,
       held_room = @held, version = version + 1, updated_at = @now
     RETURNING *`,
  );
  const remove = db.prepare<[string]>('DELETE FROM work_queue WHERE booking_id = ?');
  // Walks the index (priority_at, seq) from the soonest; the rows skipped are the few in flight.
  const next = db.prepare<[string], QueueRow>(
    `SELECT * FROM work_queue
     WHERE held_room IS NULL AND booking_id NOT IN (SELECT value FROM json_each(?))
     ORDER BY priority_at, seq LIMIT 1`,
  );
  const releaseRoom = db.prepare<[{ room: string; now: string }]>(
    'UPDATE work_queue SET held_room = NULL, updated_at = @now WHERE held_room = @room',
  );
  const releaseAll = db.prepare<[{ now: string }]>(
    'UPDATE work_queue SET held_room = NULL, updated_at = @now WHERE held_room IS NOT NULL',
  );
  const counts = db.prepare<[], { queued: number; held: number; oldest: string | null }>(
    `SELECT count(*) AS queued, count(held_room) AS held, min(queued_at) AS oldest
     FROM work_queue`,
  );

  return {
    get(bookingId) {
      const row = get.get(bookingId);
      return row && toBooking(row);
    },
    put(bookingId, row) {
      return toBooking(
        put.get({
          id: bookingId,
          priority: toStoredTime(row.priorityAt, 'priorityAt'),
          events: JSON.stringify(row.events),
          held: row.heldRoom?.toLowerCase() ?? null,
          now: stampNow(clock),
        })!,
      );
    },
    remove: (bookingId) => remove.run(bookingId).changes > 0,
    next(exclude) {
      const row = next.get(JSON.stringify(exclude));
      return row && toBooking(row);
    },
    releaseHeld(room) {
      const now = stampNow(clock);
      return room === null
        ? releaseAll.run({ now }).changes
        : releaseRoom.run({ room: room.toLowerCase(), now }).changes;
    },
    counts() {
      const row = counts.get()!;
      return { queued: row.queued, held: row.held, oldestQueuedAt: row.oldest };
    },
  };
}
