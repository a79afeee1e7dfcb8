import type { CalendarEvent } from '../../domain/calendar-event.js';
import { ZoomlinkError } from '../../errors.js';
import type { Link, Store } from '../../store/index.js';
import { nextUtcMidnight } from '../../util/utc-day.js';
import {
  collisionsWith,
  type Interval,
  type PoolCollision,
  type PoolHostState,
  type PoolView,
} from '../plan/host-pool.js';
import type { Action, EventPlan } from '../plan/actions.js';
import type { PoolCheck, PoolState } from '../plan/plan-pool.js';
import { occupancyOf, poolWindow } from '../plan/pool-occupancy.js';
import { isPoolHost } from '../../config/schema.js';
import type { WatchedRooms } from '../plan/booking-rooms.js';
import { decidingRoomOf } from '../plan/booking-scope.js';
import type { BookingState } from '../plan/booking-state.js';
import type { EngineContext } from './context.js';
import { Retry } from './apply-meetings.js';

/** The stable code of a booking no pool host is free for (README "Troubleshooting"). */
export const HOST_POOL_EXHAUSTED = 'HOST_POOL_EXHAUSTED';

/** No host of `rooms.hostPool` is free for every occurrence of a booking. */
export class HostPoolExhausted extends ZoomlinkError {
  constructor(readonly collisions: readonly PoolCollision[]) {
    const named = collisions
      .slice(0, 6)
      .map((c) => `${c.host} holds "${c.title}" (${c.eventId}) at ${c.at}`)
      .join('; ');
    const more = collisions.length > 6 ? `; and ${collisions.length - 6} more` : '';
    super(
      HOST_POOL_EXHAUSTED,
      `no Zoom host of rooms.hostPool is free for every occurrence of this booking: ${named || 'the pool has no host'}${more}. ` +
        'Add a Zoom user to rooms.hostPool (ZOOMLINK_HOST_POOL), or move one of these bookings; ' +
        'the booking is tried again as soon as a pool host frees up.',
      { retryable: true },
    );
  }
}

type PoolContext = Pick<EngineContext, 'store' | 'config' | 'now'>;

interface Expanded {
  stamp: string;
  title: string;
  intervals: Interval[];
}

/** Each store's pool bookings, expanded once per change of the booking (and once a day). */
const expansions = new WeakMap<Store, Map<string, Expanded>>();

/**
 * Every pool host with the bookings it holds (each booking's occurrences within the pool's
 * horizon, exceptions applied, expanded from its stored event only when it changed) and whether
 * its daily budget is spent: what a pool decision is made from.
 */
export function loadPoolView(ctx: PoolContext): PoolView {
  const { store, config } = ctx;
  const now = ctx.now();
  const window = poolWindow(now);
  const pool = config.rooms.hostPool;
  // Read again only when the database changed (this process or another one), or the day did: a
  // pass that sees many bookings and writes nothing reads the pool once. A host's budget that ran
  // out is written to the store; one that came back is told by the time `parkedUntil` names.
  const key = [
    store.changeStamp(),
    window.from.toISOString(),
    pool.join('\n'),
    config.zoom.concurrentMeetingsPerHost,
    config.rooms.poolBufferMinutes,
  ].join('|');
  const last = views.get(store);
  if (last?.key === key) return last.view;
  const view = readPoolView(ctx, now, window);
  views.set(store, { key, view });
  return view;
}

/** The last pool view read from each store, and what it was read at. */
const views = new WeakMap<Store, { key: string; view: PoolView }>();

function readPoolView(ctx: PoolContext, now: Date, window: { from: Date; to: Date }): PoolView {
  const { store, config } = ctx;
  const pool = config.rooms.hostPool;
  let memo = expansions.get(store);
  if (!memo) expansions.set(store, (memo = new Map()));
  const byHost = new Map<string, PoolHostState['bookings'][number][]>(
    pool.map((host) => [host.toLowerCase(), []]),
  );
  for (const row of store.pool.listHeld(pool, window.from, HOST_POOL_EXHAUSTED)) {
    const stamp = `${row.stamp}|${window.from.toISOString()}`;
    let expanded = memo.get(row.eventId);
    if (expanded?.stamp !== stamp) {
      expanded = expand(store, row.eventId, window, stamp);
      memo.set(row.eventId, expanded);
    }
    byHost.get(row.zoomHost.toLowerCase())?.push({
      eventId: row.eventId,
      title: expanded.title,
      bookedAt: row.createdAt,
      intervals: expanded.intervals,
    });
  }
  return {
    hosts: pool.map((host) => {
      const parkedUntil = parkedUntilOf(store, host, now);
      return {
        host,
        bookings: byHost.get(host.toLowerCase()) ?? [],
        ...(parkedUntil ? { parkedUntil } : {}),
      };
    }),
    concurrentMeetingsPerHost: config.zoom.concurrentMeetingsPerHost,
    bufferMinutes: config.rooms.poolBufferMinutes,
  };
}

/** One booking's occurrences in `window` as the store has it (for reports). */
export function storedOccupancy(
  store: Store,
  eventId: string,
  window: { from: Date; to: Date },
): { title: string; intervals: Interval[] } {
  const { title, intervals } = expand(store, eventId, window, '');
  return { title, intervals };
}

function expand(
  store: Store,
  eventId: string,
  window: { from: Date; to: Date },
  stamp: string,
): Expanded {
  const snapshot: CalendarEvent | undefined = store.links.getSnapshot(eventId);
  if (!snapshot || (snapshot.kind !== 'single' && snapshot.kind !== 'master'))
    return { stamp, title: '', intervals: [] };
  const overrides = store.overrides.listForLink(eventId);
  return { stamp, title: snapshot.summary, intervals: occupancyOf(snapshot, overrides, window) };
}

/** Parked by the Zoom client, or its budget seen spent today (UTC). */
function parkedUntilOf(store: Store, host: string, now: Date): string | undefined {
  const parked = store.hosts.parkedUntil(host, now);
  if (parked) return parked.toISOString();
  const quota = store.hosts.lastQuota(host);
  if (quota && quota.remaining <= 0 && nextUtcMidnight(quota.at).getTime() > now.getTime())
    return nextUtcMidnight(quota.at).toISOString();
  return undefined;
}

/** The pool as one booking's plan reads it (`BookingState.pool`). */
export function poolStateFor(
  ctx: PoolContext,
  bookingId: string,
  link: Link | undefined,
): PoolState {
  const move = ctx.store.pool.getMove(bookingId);
  return {
    view: loadPoolView(ctx),
    bookedAt: link?.createdAt ?? ctx.now().toISOString(),
    ...(move
      ? { move: { meetingId: move.meetingId, fromHost: move.fromHost, toHost: move.toHost } }
      : {}),
  };
}

/**
 * In the transaction that commits a pool host to a booking: the host still holds nothing this
 * booking collides with. Another room's poll may have given it away since the plan was made; then
 * the booking is planned again (`Retry`).
 */
export function assertPoolHostFree(ctx: PoolContext, check: PoolCheck | undefined): void {
  if (!check) return;
  if (collisionsWith(check, check.host, loadPoolView(ctx)).length > 0) throw new Retry();
}

/**
 * The pool, for a booking (or an instance of one) whose host room takes its host from the pool;
 * undefined for any other, and for a deletion (which only frees time).
 */
export function poolFor(
  ctx: PoolContext & { watched: WatchedRooms },
  bookingId: string,
  event: CalendarEvent,
  state: Pick<BookingState, 'link' | 'master' | 'watched'>,
): PoolState | undefined {
  if (ctx.config.rooms.hostPool.length === 0) return undefined;
  if (event.kind === 'deleted' || event.kind === 'cancelledInstance') return undefined;
  const room = ctx.watched.get(decidingRoomOf(event, state).toLowerCase());
  if (!room || !isPoolHost(room.zoomHost)) return undefined;
  return poolStateFor(ctx, bookingId, state.link);
}

/**
 * Later-booked bookings that now collide with `eventId` on `host` are planned again at once: each
 * finds that an earlier booking holds its time there and moves to a free host.
 */
export function reviewHosts(
  ctx: Pick<EngineContext, 'store' | 'now' | 'logger'>,
  eventId: string,
  host: string,
  eventIds: readonly string[],
): void {
  for (const id of eventIds) {
    const link = ctx.store.links.get(id);
    if (!link || link.state === 'deleted' || link.state === 'ignored') continue;
    ctx.store.links.defer(
      id,
      ctx.now(),
      `an earlier booking (${eventId}) now holds pool host ${host} at its time; it moves to another pool host`,
    );
    ctx.logger.info('a pool booking makes way for an earlier one', {
      eventId: id,
      host,
      for: eventId,
    });
  }
}

/** Steps that may free time on a pool host: a meeting deleted, moved, or changed. */
const freeing = new Set<Action['kind']>([
  'deleteMeeting',
  'deleteOccurrenceMeeting',
  'deleteOccurrences',
  'clearAhead',
  'moveMeeting',
  'updateMeeting',
  'updateOccurrenceMeeting',
  'applyOverride',
  'markDeleted',
  'recordIgnored',
]);

export function freesPoolTime(plan: EventPlan): boolean {
  return plan.actions.some((action) => freeing.has(action.kind));
}

/** Bookings that failed for want of a free pool host are tried again now. */
export function wakePoolWaiters(ctx: Pick<EngineContext, 'store' | 'config' | 'now'>): void {
  if (ctx.config.rooms.hostPool.length === 0) return;
  ctx.store.pool.wakeFailed(HOST_POOL_EXHAUSTED, ctx.now());
}
