import pLimit from 'p-limit';
import { ZoomlinkError } from '../errors.js';
import type { Link } from '../store/index.js';
import { watchedRooms, type WatchedRooms } from './plan/booking-rooms.js';
import type { EngineContext, PassContext } from './apply/context.js';
import { addCounts, emptyCounts } from './apply/counts.js';
import type {
  PassSummary,
  PollOptions,
  QueueStatus,
  RoomPollResult,
  SyncEngine,
} from './plan/engine-types.js';
import { describeError } from './apply/failures.js';
import { recoverOpenIntents } from './passes/intent-recovery.js';
import { KeyedLock } from '../util/keyed-lock.js';
import type { Room } from '../domain/ports.js';
import { reconcile } from './passes/reconcile.js';
import { BookingQueue } from './passes/booking-queue.js';
import { pollRoom } from './passes/room-poll.js';
import { workBooking, type WorkedBooking } from './passes/work-booking.js';
import { WorkerPool } from './passes/worker-pool.js';
import { moveWindows } from './passes/windows.js';
import { ZoomChanges } from './passes/zoom-change.js';
import { scopeHashOf } from './plan/room-settings.js';

/** The store, both ports, the configuration, a logger and the clock. */
export type SyncEngineOptions = Omit<EngineContext, 'locks'>;

/** `--room` named a room zoomlink does not watch. */
export class UnknownRoomError extends ZoomlinkError {
  constructor(unknown: string[], known: Room[]) {
    super(
      'SYNC_UNKNOWN_ROOM',
      `not a room zoomlink watches: ${unknown.join(', ')}. Watched rooms: ` +
        `${known.map((r) => r.calendarId).join(', ') || 'none'} (see \`zoomlink google rooms\`).`,
    );
  }
}

/**
 * The sync engine (docs/sync-engine.md): room polls read the changes of each room calendar onto
 * the work queue (in the store); a pool of workers (`sync.concurrency`) plans and applies each
 * queued booking through the ports, soonest meeting first, with the store as memory and journal.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const ctx: EngineContext = { ...options, locks: new KeyedLock() };
  const queue = new BookingQueue(ctx);
  /** Rooms being read now (lower case), and how many reads of each. */
  const reads = new Map<string, number>();
  const isReading = (room: string) => (reads.get(room.toLowerCase()) ?? 0) > 0;
  const reading = {
    begin(room: string) {
      const key = room.toLowerCase();
      reads.set(key, (reads.get(key) ?? 0) + 1);
    },
    end(room: string) {
      const key = room.toLowerCase();
      const left = (reads.get(key) ?? 1) - 1;
      if (left > 0) {
        reads.set(key, left);
        return;
      }
      reads.delete(key);
      try {
        queue.releaseHeld(room);
      } catch (error) {
        ctx.logger.warn('releasing the instances held for a room failed', {
          calendarId: room,
          error: describeError(error),
        });
      }
    },
  };
  /** The watched rooms as the last pass listed them (the workers plan against them). */
  let watched: WatchedRooms = new Map();
  let listed: Room[] | undefined;
  const listeners = new Set<(done: WorkedBooking) => void>();
  const pool = new WorkerPool({
    queue,
    concurrency: ctx.config.sync.concurrency,
    logger: ctx.logger,
    reading: () => reads.size > 0,
    async work(booking, stopping) {
      const passCtx: PassContext = { ...ctx, watched, counts: emptyCounts() };
      const done = await workBooking(booking, passCtx, queue, { stopping, reading: isReading });
      for (const listener of listeners) listener(done);
    },
  });

  async function rooms(): Promise<{ all: Room[]; watched: WatchedRooms }> {
    const all = await ctx.calendar.listRooms();
    ctx.store.transaction(() => {
      // A room whose scope or meeting settings changed is read whole again (store: scopeHash).
      for (const room of all)
        ctx.store.rooms.upsert({ ...room, scopeHash: scopeHashOf(ctx.config, room.calendarId) });
    });
    watched = watchedRooms(all);
    listed = all;
    return { all, watched };
  }

  /**
   * The one crash-recovery entry point (docs/sync-engine.md, "crash safety"): the open intents old
   * enough to settle, at the start of every poll, so the daemon's first poll runs it in the
   * scheduler's lane. A failure is logged and the pass goes on: each booking settles its own open
   * intent before it is planned.
   */
  async function recoverQuietly(): Promise<void> {
    try {
      const { adopted, abandoned } = await recoverOpenIntents(ctx);
      if (adopted + abandoned > 0)
        ctx.logger.info('recovered unfinished creates', { adopted, abandoned });
    } catch (error) {
      ctx.logger.warn('recovering unfinished creates failed; each booking retries its own', {
        error: describeError(error),
      });
    }
  }

  // Rooms are listed once, then on every pass: a webhook works with the rooms as last listed.
  const zoomChanges = new ZoomChanges(
    async () => {
      if (watched.size === 0) await rooms();
      return { ...ctx, watched, counts: emptyCounts() };
    },
    () => ctx.config.sync.reconcileFix,
  );

  /** Until the queue is worked; on `signal`, until the bookings in flight are done. */
  async function drain(signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return pool.whenIdle();
    if (signal.aborted) return pool.stop();
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<void>((resolve) => {
      onAbort = () => resolve(pool.stop());
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([pool.whenIdle(), aborted]);
    } finally {
      signal.removeEventListener('abort', onAbort!);
    }
  }

  return {
    async poll(pollOptions: PollOptions = {}): Promise<PassSummary> {
      const started = Date.now();
      const reuse = pollOptions.reuseRooms === true && listed !== undefined;
      if (!reuse) await recoverQuietly();
      const { all } = reuse ? { all: listed! } : await rooms();
      pollOptions.onRooms?.(all.map((r) => r.calendarId));
      const filter = pollOptions.roomFilter;
      const selected = selectRooms(all, pollOptions.rooms).filter(
        (r) => !filter || filter(r.calendarId),
      );
      const due = dueByRoom(ctx.store.links.listDue(ctx.now()), selected, watched);
      pool.retrySetAside();
      // Rows held for a read that is not happening any more (a process that stopped mid-read).
      if (reads.size === 0) queue.releaseHeld(null);
      const worked: WorkedBooking[] = [];
      const collect = (done: WorkedBooking) => worked.push(done);
      if (!pollOptions.background) listeners.add(collect);
      try {
        // What earlier runs left queued is worked from the start, beside the reading.
        pool.kick();
        const limit = pLimit(ctx.config.sync.roomParallelism);
        let done = 0;
        const results = await Promise.all(
          selected.map((room) =>
            limit(async (): Promise<RoomPollResult | undefined> => {
              if (pollOptions.signal?.aborted) return undefined;
              const result = await pollRoom(room, due.get(room.calendarId) ?? [], {
                ...ctx,
                watched,
                queue,
                queued: () => pool.kick(),
                reading,
              });
              done += 1;
              pollOptions.onRoomDone?.(result, done, selected.length);
              return result;
            }),
          ),
        );
        if (!pollOptions.background) await drain(pollOptions.signal);
        return summarise(
          results.filter((r): r is RoomPollResult => r !== undefined),
          worked,
          started,
        );
      } finally {
        listeners.delete(collect);
      }
    },

    stop: () => pool.stop(),

    queueStatus(): QueueStatus {
      return { ...ctx.store.queue.counts(), inFlight: pool.busy };
    },

    onWorked(listener) {
      const told = (done: WorkedBooking) => listener(done.counts);
      listeners.add(told);
      return () => listeners.delete(told);
    },

    async moveWindows(windowOptions = {}) {
      const started = Date.now();
      await rooms();
      const counts = await moveWindows({ ...ctx, watched, counts: emptyCounts() }, windowOptions);
      return { ...counts, rooms: 0, roomsFailed: 0, results: [], durationMs: Date.now() - started };
    },

    zoomChanged: (change) => zoomChanges.changed(change),

    async reconcile(reconcileOptions) {
      await rooms();
      return reconcile({ ...ctx, watched, counts: emptyCounts() }, reconcileOptions);
    },
  };
}

export function selectRooms(all: Room[], wanted: string[] | undefined): Room[] {
  if (!wanted) return all;
  const byId = new Map(all.map((r) => [r.calendarId.toLowerCase(), r]));
  const unknown = wanted.filter((id) => !byId.has(id.toLowerCase()));
  if (unknown.length > 0) throw new UnknownRoomError(unknown, all);
  return wanted.map((id) => byId.get(id.toLowerCase())!);
}

/**
 * Each due booking is retried by one room's poll: the first of its rooms that is polled in this
 * pass (a booking no watched room holds any more goes to the first room polled).
 */
function dueByRoom(due: Link[], selected: Room[], watched: WatchedRooms): Map<string, Link[]> {
  const polled = new Map(selected.map((r) => [r.calendarId.toLowerCase(), r.calendarId]));
  const byRoom = new Map<string, Link[]>();
  for (const link of due) {
    const held = link.rooms.filter((r) => watched.has(r.toLowerCase()));
    const first = held.length > 0 ? held[0]!.toLowerCase() : selected[0]?.calendarId.toLowerCase();
    const room = first === undefined ? undefined : polled.get(first);
    if (room === undefined) continue;
    byRoom.set(room, [...(byRoom.get(room) ?? []), link]);
  }
  return byRoom;
}

/**
 * The pass's summary: each room's reading, plus the work on the bookings its poll queued; the
 * totals also count the work on bookings queued before (by an earlier run or another room).
 */
function summarise(
  results: RoomPollResult[],
  worked: readonly WorkedBooking[],
  started: number,
): PassSummary {
  const counts = emptyCounts();
  const byRoom = new Map(results.map((r) => [r.calendarId.toLowerCase(), r]));
  for (const done of worked) {
    const room = byRoom.get(done.room.toLowerCase());
    if (room) addCounts(room, done.counts);
    else addCounts(counts, done.counts);
  }
  for (const result of results) addCounts(counts, result);
  return {
    ...counts,
    rooms: results.length,
    roomsFailed: results.filter((r) => !r.ok).length,
    results,
    durationMs: Date.now() - started,
  };
}
