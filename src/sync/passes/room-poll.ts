import type { Link } from '../../store/index.js';
import type { PassContext } from '../apply/context.js';
import { emptyCounts } from '../apply/counts.js';
import type { PassCounts, RoomPollResult } from '../plan/engine-types.js';
import { describeError, errorCode, isFullSyncRequired } from '../apply/failures.js';
import type { Room } from '../../domain/ports.js';
import type { BookingQueue } from './booking-queue.js';
import { queueCancelledWhileUnread } from './cancelled-while-unread.js';

/** What a room's poll needs beside the engine's context: where it queues, and who to tell. */
export interface RoomPollContext extends Omit<PassContext, 'counts'> {
  queue: BookingQueue;
  /** Called after something was queued (the workers take it). */
  queued: () => void;
  /** Marks the room as being read, and as read (its held instances are then worked once more). */
  reading: { begin(room: string): void; end(room: string): void };
}

/**
 * One poll of one room: it reads and queues, and never waits for the work. The bookings of this
 * room due for another try are queued from their stored snapshots (unless a newer version is
 * queued already), then every page of changes since the stored sync token. Each page is queued in
 * one transaction, and the last page's with the new sync token, so the token never moves past an
 * event that is not queued or done. Google's 410 clears the token and reads the room again from
 * scratch: links are keyed by event id, and a newer copy replaces a queued one, so nothing is
 * lost or done twice.
 */
export async function pollRoom(
  room: Room,
  due: readonly Link[],
  ctx: RoomPollContext,
): Promise<RoomPollResult> {
  const started = Date.now();
  const { store } = ctx;
  const counts = emptyCounts();
  const result: RoomPollResult = {
    ...counts,
    calendarId: room.calendarId,
    ok: true,
    fullSync: false,
    durationMs: 0,
  };
  ctx.reading.begin(room.calendarId);
  try {
    store.rooms.recordPollStarted(room.calendarId, ctx.now());
    const snapshots = due.flatMap((link) => store.links.getSnapshot(link.eventId) ?? []);
    if (snapshots.length > 0) {
      store.transaction(() => ctx.queue.enqueue(snapshots, { ifAbsent: true }));
      ctx.queued();
    }
    const stored = store.rooms.get(room.calendarId);
    const token = stored?.syncToken ?? null;
    try {
      await readRoom(room, token, ctx, counts);
    } catch (error) {
      if (token === null || !isFullSyncRequired(error)) throw error;
      ctx.logger.info('google refused the sync token (410); reading the room from scratch', {
        calendarId: room.calendarId,
      });
      store.rooms.clearSyncToken(room.calendarId);
      result.fullSync = true;
      await readRoom(room, null, ctx, counts);
      await queueCancelledWhileUnread(room, stored?.lastSuccessAt ?? null, ctx);
    }
    store.rooms.recordPollSucceeded(room.calendarId, ctx.now());
  } catch (error) {
    result.ok = false;
    result.error = { code: errorCode(error) ?? 'SYNC_ROOM_FAILED', message: describeError(error) };
    ctx.logger.warn('a room poll failed; the other rooms go on', {
      calendarId: room.calendarId,
      error: result.error.message,
    });
    try {
      store.rooms.recordPollFailed(room.calendarId, result.error.message, ctx.now());
    } catch {
      // The store itself failed; the result says so.
    }
  } finally {
    ctx.reading.end(room.calendarId);
    ctx.queued();
  }
  Object.assign(result, counts, { durationMs: Date.now() - started });
  return result;
}

async function readRoom(
  room: Room,
  token: string | null,
  ctx: RoomPollContext,
  counts: PassCounts,
): Promise<void> {
  const { store } = ctx;
  for await (const page of ctx.calendar.readChanges(room.calendarId, token)) {
    counts.eventsSeen += page.events.length;
    const nextSyncToken = page.nextSyncToken;
    store.transaction(() => {
      ctx.queue.enqueue(page.events);
      if (nextSyncToken !== undefined) store.rooms.setSyncToken(room.calendarId, nextSyncToken);
    });
    ctx.queued();
  }
}
