import type { Link } from '../../store/index.js';
import { describeError } from '../apply/failures.js';
import type { PassContext } from '../apply/context.js';
import { writesPerRoom, writtenCopies } from '../plan/write-targets.js';

/**
 * A room reports a booking gone that other watched rooms still hold: either that room was taken
 * off the booking, or the organizer cancelled it. The other rooms usually report the cancellation
 * too, but not always: a room read from scratch (no sync token) is bounded by
 * `google.fullSyncDaysBack` and never mentions a booking that ended before that bound. So the
 * organizer's copy decides, at one read: cancelled, or gone (404/410), means cancelled for every
 * room. An outside organizer's copy cannot be read (the link is written per room): no answer.
 * A failed read is no answer either, and the room alone is dropped, as before.
 */
export async function organizerCancelled(
  ctx: Pick<PassContext, 'calendar' | 'logger'>,
  link: Link,
): Promise<boolean> {
  if (writesPerRoom(link)) return false;
  const [organizerCopy] = writtenCopies(link);
  if (!organizerCopy) return false;
  let status = '';
  try {
    const result = await ctx.calendar.modifyEvent(organizerCopy, (copy) => {
      status = copy.status;
      return null;
    });
    return result.outcome === 'gone' || status === 'cancelled';
  } catch (error) {
    ctx.logger.info("the organizer's copy could not be read; only the room is dropped", {
      eventId: link.eventId,
      error: describeError(error),
    });
    return false;
  }
}
