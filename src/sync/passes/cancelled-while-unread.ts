import type { DeletedEvent } from '../../domain/calendar-event.js';
import type { Room } from '../../domain/ports.js';
import { isLiveLink } from '../plan/booking-state.js';
import type { RoomPollContext } from './room-poll.js';
import { organizerCancelled } from './organizer-cancelled.js';

const DAY_MS = 86_400_000;
/**
 * At most this many organizer reads per room after one 410: a room not read for months holds
 * thousands of bookings that ended meanwhile, all history, and the room's poll must not take
 * hours on them. The latest-ending are read first; the rest keep their (past) meetings, logged.
 */
export const MAX_CANCELLATION_CHECKS = 200;

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
  const roomId = room.calendarId.toLowerCase();
  const ended = ctx.store.links
    .listOverlapping(new Date(since), new Date(bound))
    .filter((b) => {
      const end = b.endsAt === null ? Number.NaN : Date.parse(b.endsAt);
      const inRoom = b.rooms.some((r) => r.toLowerCase() === roomId);
      return end > since && end < bound && inRoom && isLiveLink(b);
    })
    .sort((a, b) => Date.parse(b.endsAt ?? '') - Date.parse(a.endsAt ?? ''));
  if (ended.length > MAX_CANCELLATION_CHECKS)
    ctx.logger.warn('more bookings ended while the room was not read than are checked', {
      calendarId: room.calendarId,
      ended: ended.length,
      checked: MAX_CANCELLATION_CHECKS,
    });
  const gone: DeletedEvent[] = [];
  for (const booking of ended.slice(0, MAX_CANCELLATION_CHECKS)) {
    const link = ctx.store.links.get(booking.eventId);
    if (!link) continue;
    if (await organizerCancelled(ctx, link))
      gone.push({ kind: 'deleted', eventId: booking.eventId, calendarId: room.calendarId });
  }
  if (gone.length === 0) return;
  ctx.store.transaction(() => ctx.queue.enqueue(gone));
  ctx.queued();
}
