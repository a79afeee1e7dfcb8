import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import type { PassContext } from '../apply/context.js';
import { emptyCounts } from '../apply/counts.js';
import type { RoomPollResult } from '../plan/engine-types.js';
import { describeError, errorCode, isFullSyncRequired } from '../apply/failures.js';
import type { Room } from '../../domain/ports.js';
import { processEvent } from './process-event.js';

/**
 * Singles, masters and deletions before the instances of a series, so an instance finds its
 * series' link when both come in one page.
 */
function bookingsFirst(events: readonly CalendarEvent[]): CalendarEvent[] {
  const rank = (e: CalendarEvent) =>
    e.kind === 'exception' || e.kind === 'cancelledInstance' ? 1 : 0;
  return [...events].sort((a, b) => rank(a) - rank(b));
}

/**
 * One poll of one room: the bookings of this room due for another try (from their stored
 * snapshots), then every page of changes since the stored sync token, planned and applied event
 * by event. The new sync token is stored only after every event of the pass is durable (done, or
 * failed with its snapshot saved). Google's 410 clears the token and reads the room again from
 * scratch: links are keyed by event id, so nothing is lost or made twice.
 */
export async function pollRoom(
  room: Room,
  due: readonly Link[],
  base: Omit<PassContext, 'counts'>,
): Promise<RoomPollResult> {
  const started = Date.now();
  const ctx: PassContext = { ...base, counts: emptyCounts(), room: room.calendarId };
  const { store } = ctx;
  const result: RoomPollResult = {
    ...ctx.counts,
    calendarId: room.calendarId,
    ok: true,
    fullSync: false,
    durationMs: 0,
  };
  store.rooms.recordPollStarted(room.calendarId, ctx.now());
  try {
    for (const link of due) {
      const snapshot = store.links.getSnapshot(link.eventId);
      if (snapshot) await processEvent(snapshot, ctx);
    }
    const token = store.rooms.get(room.calendarId)?.syncToken ?? null;
    try {
      await readRoom(room, token, ctx);
    } catch (error) {
      if (token === null || !isFullSyncRequired(error)) throw error;
      ctx.logger.info('google refused the sync token (410); reading the room from scratch', {
        calendarId: room.calendarId,
      });
      store.rooms.clearSyncToken(room.calendarId);
      result.fullSync = true;
      await readRoom(room, null, ctx);
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
  }
  Object.assign(result, ctx.counts, { durationMs: Date.now() - started });
  return result;
}

async function readRoom(room: Room, token: string | null, ctx: PassContext): Promise<void> {
  const waiting: CalendarEvent[] = [];
  for await (const page of ctx.calendar.readChanges(room.calendarId, token)) {
    for (const event of bookingsFirst(page.events)) {
      ctx.counts.eventsSeen += 1;
      if ((await processEvent(event, ctx)) === 'waitForMaster') waiting.push(event);
    }
    if (page.nextSyncToken === undefined) continue;
    // Instances whose series came on a later page: their master is known now, or never will be.
    for (const event of waiting.splice(0)) {
      if ((await processEvent(event, ctx)) === 'waitForMaster')
        ctx.logger.info('an instance of a series this room does not hold; left alone', {
          calendarId: room.calendarId,
          eventId: event.eventId,
        });
    }
    ctx.store.rooms.setSyncToken(room.calendarId, page.nextSyncToken);
  }
}
