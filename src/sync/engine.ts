import pLimit from 'p-limit';
import { ZoomlinkError } from '../errors.js';
import type { Link } from '../store/index.js';
import { watchedRooms, type WatchedRooms } from './plan/booking-rooms.js';
import type { EngineContext } from './apply/context.js';
import { addCounts, emptyCounts } from './apply/counts.js';
import type { PassSummary, PollOptions, RoomPollResult, SyncEngine } from './plan/engine-types.js';
import { describeError } from './apply/failures.js';
import { recoverOpenIntents } from './passes/intent-recovery.js';
import { KeyedLock } from '../util/keyed-lock.js';
import type { Room } from '../domain/ports.js';
import { reconcile } from './passes/reconcile.js';
import { pollRoom } from './passes/room-poll.js';
import { moveWindows } from './passes/windows.js';
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
 * The sync engine (docs/sync-engine.md): polls room calendars, plans each change and applies it
 * through the ports, with the store as its memory and journal.
 */
export function createSyncEngine(options: SyncEngineOptions): SyncEngine {
  const ctx: EngineContext = { ...options, locks: new KeyedLock() };

  async function rooms(): Promise<{ all: Room[]; watched: WatchedRooms }> {
    const all = await ctx.calendar.listRooms();
    ctx.store.transaction(() => {
      // A room whose scope or meeting settings changed is read whole again (store: scopeHash).
      for (const room of all)
        ctx.store.rooms.upsert({ ...room, scopeHash: scopeHashOf(ctx.config, room.calendarId) });
    });
    return { all, watched: watchedRooms(all) };
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

  return {
    async poll(pollOptions: PollOptions = {}): Promise<PassSummary> {
      const started = Date.now();
      await recoverQuietly();
      const { all, watched } = await rooms();
      const selected = selectRooms(all, pollOptions.rooms);
      const due = dueByRoom(ctx.store.links.listDue(ctx.now()), selected, watched);
      const limit = pLimit(ctx.config.sync.roomParallelism);
      let done = 0;
      const results = await Promise.all(
        selected.map((room) =>
          limit(async (): Promise<RoomPollResult | undefined> => {
            if (pollOptions.signal?.aborted) return undefined;
            const result = await pollRoom(room, due.get(room.calendarId) ?? [], {
              ...ctx,
              watched,
            });
            done += 1;
            pollOptions.onRoomDone?.(result, done, selected.length);
            return result;
          }),
        ),
      );
      return summarise(
        results.filter((r): r is RoomPollResult => r !== undefined),
        started,
      );
    },

    async moveWindows(windowOptions = {}) {
      const started = Date.now();
      const { watched } = await rooms();
      const counts = await moveWindows({ ...ctx, watched, counts: emptyCounts() }, windowOptions);
      return { ...counts, rooms: 0, roomsFailed: 0, results: [], durationMs: Date.now() - started };
    },

    async reconcile(reconcileOptions) {
      const { watched } = await rooms();
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

function summarise(results: RoomPollResult[], started: number): PassSummary {
  const counts = emptyCounts();
  for (const result of results) addCounts(counts, result);
  return {
    ...counts,
    rooms: results.length,
    roomsFailed: results.filter((r) => !r.ok).length,
    results,
    durationMs: Date.now() - started,
  };
}
