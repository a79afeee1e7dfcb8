import type { LiveEvent } from '../../domain/calendar-event.js';
import type { OccurrenceOverride } from '../../store/index.js';
import {
  chooseHost,
  hostConflict,
  type Interval,
  type PoolCollision,
  type PoolView,
} from './host-pool.js';
import { occupancyOf, poolWindow } from './pool-occupancy.js';

/**
 * What the store knows of a shared host pool for one booking (loaded by the engine, read by the
 * planner): every pool host with the bookings it holds and its budget, when this booking was
 * first seen (among bookings that collide, the earlier keeps its host), and a move of its meeting
 * to another host that did not finish.
 */
export interface PoolState {
  view: PoolView;
  bookedAt: string;
  move?: { meetingId: number; fromHost: string; toHost: string };
}

/**
 * What apply checks again in the transaction that commits a host to a booking (a create's
 * intent, a move's journal entry): the host still holds nothing this booking would collide with
 * (another room's poll may have given it away since the plan was made).
 */
export interface PoolCheck {
  host: string;
  eventId: string;
  title: string;
  bookedAt: string;
  intervals: Interval[];
}

export type PoolDecision =
  /**
   * The booking's host: the one it has, or a new one. `moveFrom`: its meeting is on that host now
   * (or was, when a move did not finish) and goes to `host`. `displaced`: later-booked bookings
   * on the host that must leave it for this one.
   */
  | { kind: 'host'; host: string; moveFrom?: string; displaced: string[]; check: PoolCheck }
  /** Every host free at its time has spent its daily budget until `until`. */
  | { kind: 'wait'; until: string; reason: string }
  /** No host is free for every occurrence: the bookings it collides with. */
  | { kind: 'fail'; collisions: PoolCollision[] };

/**
 * The pool's host for a booking whose room takes its host from the pool (pure). A booking with a
 * meeting keeps its host while the host can hold it beside the bookings booked before it; when a
 * change (a move, a longer meeting, a moved instance) makes it collide with an earlier-booked one
 * there, it moves to a free host, and later-booked ones it now collides with are named to move.
 * A meeting on a host that is not (or no longer) in the pool stays where it is.
 */
export function decidePoolHost(
  event: LiveEvent,
  overrides: readonly OccurrenceOverride[],
  currentHost: string | undefined,
  pool: PoolState,
  now: Date,
): PoolDecision {
  const intervals = occupancyOf(event, overrides, poolWindow(now));
  const candidate = {
    eventId: event.eventId,
    title: event.summary,
    bookedAt: pool.bookedAt,
    intervals,
  };
  const check = (host: string): PoolCheck => ({ host, ...candidate });
  const inPool = (host: string) =>
    pool.view.hosts.some((h) => h.host.toLowerCase() === host.toLowerCase());
  const moving = pool.move;
  const current = moving?.toHost ?? currentHost;
  if (current !== undefined && !inPool(current))
    return { kind: 'host', host: current, displaced: [], check: check(current) };

  let collisions: PoolCollision[] = [];
  if (current !== undefined) {
    const conflict = hostConflict(candidate, current, pool.view);
    if (conflict.stays)
      return {
        kind: 'host',
        host: current,
        ...(moving ? { moveFrom: moving.fromHost } : {}),
        displaced: conflict.displaced.map((b) => b.eventId),
        check: check(current),
      };
    collisions = conflict.collisions;
  }
  const choice = chooseHost(candidate, pool.view, now, current === undefined ? [] : [current]);
  switch (choice.kind) {
    case 'chosen':
      return {
        kind: 'host',
        host: choice.host,
        ...(current !== undefined ? { moveFrom: moving?.fromHost ?? current } : {}),
        displaced: [],
        check: check(choice.host),
      };
    case 'parked':
      return {
        kind: 'wait',
        until: choice.until,
        reason: `every pool host free at its time (${choice.hosts.join(', ')}) has spent its daily Zoom budget until ${choice.until}`,
      };
    case 'exhausted':
      return { kind: 'fail', collisions: [...collisions, ...choice.collisions] };
  }
}
