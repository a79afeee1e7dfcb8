import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { QueuedBooking, QueuedEvent } from '../../store/index.js';
import type { EngineContext } from '../apply/context.js';
import { bookingIdOf } from '../plan/plan-event.js';
import { nextStartOf } from '../plan/queue-priority.js';
import {
  isBookingLevel,
  mergeQueued,
  rowPriority,
  withoutWorked,
  type Incoming,
} from '../plan/queued-booking.js';

type QueueContext = Pick<EngineContext, 'store' | 'now' | 'logger'>;

/**
 * The engine's side of the store's work queue: what goes in a row (`queued-booking.ts`), in what
 * order rows are worked (`queue-priority.ts`), and what is left of a row once a worker is done
 * with what it took. Every method is synchronous, so that a caller can put it in one transaction
 * with what belongs to it (a room's sync token goes with the events of its last page).
 */
export class BookingQueue {
  constructor(private readonly ctx: QueueContext) {}

  /**
   * Queues events, one row per booking. With `ifAbsent`, only copies not queued yet go in (a
   * retry from a stored snapshot never displaces a version read since). A master coming in lets
   * a row held for its master be worked.
   */
  enqueue(events: readonly CalendarEvent[], options: { ifAbsent?: boolean } = {}): void {
    const { store } = this.ctx;
    const now = this.ctx.now();
    const byBooking = new Map<string, Incoming[]>();
    for (const event of events) {
      const id = bookingIdOf(event);
      const priorityAt = nextStartOf(event, now, (b) => store.links.getSnapshot(b)).toISOString();
      byBooking.set(id, [...(byBooking.get(id) ?? []), { event, priorityAt }]);
    }
    for (const [id, incoming] of byBooking) {
      const row = store.queue.get(id);
      const queued = mergeQueued(row?.events ?? [], incoming, (row?.version ?? 0) + 1, options);
      if (row && queued.every((e, i) => e === row.events[i]) && queued.length === row.events.length)
        continue;
      store.queue.put(id, {
        events: queued,
        priorityAt: rowPriority(queued),
        heldRoom: queued.some((e) => isBookingLevel(e.event)) ? null : (row?.heldRoom ?? null),
      });
    }
  }

  /** The row to work next, leaving out the bookings in `exclude` (in flight). */
  take(exclude: readonly string[]): QueuedBooking | undefined {
    return this.ctx.store.queue.next(exclude);
  }

  /**
   * What is left of a row once a worker has worked `worked` (of which `waiting` are instances
   * held for their master): newer copies that came meanwhile stay; so does a held instance when
   * its master is queued now, or while its room is still being read (its master may be on a page
   * not read yet: the row waits for the end of that read); otherwise, as at the end of a room's
   * read today, the instance belongs to a series this room does not hold, and is left alone.
   */
  finish(
    bookingId: string,
    worked: readonly QueuedEvent[],
    waiting: readonly QueuedEvent[],
    reading: (room: string) => boolean,
  ): void {
    const { store, logger } = this.ctx;
    store.transaction(() => {
      const row = store.queue.get(bookingId);
      let left = row ? withoutWorked(row.events, worked) : [];
      const masterQueued = left.some((e) => isBookingLevel(e.event));
      let heldRoom: string | null = null;
      for (const item of waiting) {
        const room = item.event.calendarId;
        if (!masterQueued && !reading(room)) {
          logger.info('an instance of a series this room does not hold; left alone', {
            calendarId: room,
            eventId: item.event.eventId,
          });
          continue;
        }
        left = mergeQueued(left, [item], item.seq, { ifAbsent: true });
        if (!masterQueued) heldRoom ??= room;
      }
      if (left.length === 0) {
        if (row) store.queue.remove(bookingId);
        return;
      }
      store.queue.put(bookingId, {
        events: left,
        priorityAt: rowPriority(left),
        heldRoom: masterQueued ? null : (heldRoom ?? row?.heldRoom ?? null),
      });
    });
  }

  /** A room's read is over (or failed): its held rows are worked once more. */
  releaseHeld(room: string | null): void {
    this.ctx.store.queue.releaseHeld(room);
  }
}
