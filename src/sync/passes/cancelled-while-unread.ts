import type { DeletedEvent } from '../../domain/calendar-event.js';
import type { Room } from '../../domain/ports.js';
import { isLiveLink } from '../plan/booking-state.js';
import type { RoomPollContext } from './room-poll.js';
import { organizerCancelled } from './organizer-cancelled.js';

const DAY_MS = 86_400_000;

/**
 * After Google refused a room's sync token (410), the room is read again from scratch, bounded
 * by `google.fullSyncDaysBack`: a booking that ended before that bound is not in the read at all,
 * so a cancellation made since the room's last good read would be lost, its meeting kept. The
 * room's live links whose booking ended between that read and the bound are few (only what ended
 * while the room was not read); each has its organizer's copy read once, and one found cancelled
 * is queued as gone from this room, as the lost change would have said (soak seed 100017).
 */
export async function queueCancelledWhileUnread(
  room: Room,
  lastReadAt: string | null,
  ctx: RoomPollContext,
): Promise<void> {
  const daysBack = ctx.config.google.fullSyncDaysBack;
  if (lastReadAt === null || daysBack === 0) return;
  const bound = ctx.now().getTime() - daysBack * DAY_MS;
  const since = Date.parse(lastReadAt);
  if (!(since < bound)) return;
  const gone: DeletedEvent[] = [];
  const roomId = room.calendarId.toLowerCase();
  for (const booking of ctx.store.links.listOverlapping(new Date(since), new Date(bound))) {
    const end = booking.endsAt === null ? Number.NaN : Date.parse(booking.endsAt);
    if (!(end > since && end < bound)) continue;
    if (!booking.rooms.some((r) => r.toLowerCase() === roomId)) continue;
    const link = ctx.store.links.get(booking.eventId);
    if (!link || !isLiveLink(link)) continue;
    if (await organizerCancelled(ctx, link))
      gone.push({ kind: 'deleted', eventId: booking.eventId, calendarId: room.calendarId });
  }
  if (gone.length === 0) return;
  ctx.store.transaction(() => ctx.queue.enqueue(gone));
  ctx.queued();
}
