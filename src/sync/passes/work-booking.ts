import type { QueuedBooking, QueuedEvent } from '../../store/index.js';
import type { PassContext } from '../apply/context.js';
import type { PassCounts } from '../plan/engine-types.js';
import type { BookingQueue } from './booking-queue.js';
import { processEvent } from './process-event.js';

/** What working one queued booking did, for the summary of the room whose poll queued it. */
export interface WorkedBooking {
  /** The room the booking's first event was read from. */
  room: string;
  counts: PassCounts;
}

/**
 * Works the events a worker took for one booking, in their order (its own event before its
 * instances), each through `processEvent` — the one place a plan is applied, with its
 * per-booking lock — then removes from the row what was worked. An instance whose series is not
 * linked yet is held (`BookingQueue.finish`). When the pool is stopping, the events not begun
 * stay queued.
 */
export async function workBooking(
  booking: QueuedBooking,
  ctx: PassContext,
  queue: BookingQueue,
  options: { stopping: () => boolean; reading: (room: string) => boolean },
): Promise<WorkedBooking> {
  const worked: QueuedEvent[] = [];
  const waiting: QueuedEvent[] = [];
  for (const item of booking.events) {
    if (options.stopping()) break;
    ctx.room = item.event.calendarId;
    const outcome = await processEvent(item.event, ctx);
    worked.push(item);
    if (outcome === 'waitForMaster') waiting.push(item);
  }
  queue.finish(booking.bookingId, worked, waiting, options.reading);
  return { room: booking.events[0]?.event.calendarId ?? '', counts: ctx.counts };
}
