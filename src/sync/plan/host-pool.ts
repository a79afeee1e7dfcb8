/**
 * Which Zoom user of a shared pool (`rooms.hostPool`) hosts a booking: pure, a function of the
 * bookings the pool's hosts already hold and of the pool. A host may hold at most
 * `zoom.concurrentMeetingsPerHost` meetings at any instant (1 unless the account has Zoom's
 * Concurrent Meetings add-on), with `rooms.poolBufferMinutes` kept free around each booking;
 * every occurrence of a series counts, its exceptions included. See README "Sharing Zoom accounts
 * among rooms" and docs/sync-engine.md "Host pool".
 */

/** Half-open `[start, end)` in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** A booking a pool host holds (or that asks for one). */
export interface PoolBooking {
  eventId: string;
  /** Its title, for people (an exhausted pool names the bookings it collides with). */
  title: string;
  /** When zoomlink first saw it (ISO): among bookings that collide, the earlier keeps its host. */
  bookedAt: string;
  /** Every occurrence, exceptions applied, within the pool's horizon. */
  intervals: readonly Interval[];
}

export interface PoolHostState {
  host: string;
  /** The host's daily create/update budget is spent until then (ISO); absent when it is not. */
  parkedUntil?: string;
  bookings: readonly PoolBooking[];
}

export interface PoolView {
  /** In the pool's order (`rooms.hostPool`): the tie-breaker of last resort. */
  hosts: readonly PoolHostState[];
  concurrentMeetingsPerHost: number;
  bufferMinutes: number;
}

/** A booking a candidate cannot stand beside on one host, and where they meet first. */
export interface PoolCollision {
  host: string;
  eventId: string;
  title: string;
  /** The first instant (ISO) at which the candidate would exceed what the host may hold. */
  at: string;
}

export type HostChoice =
  | { kind: 'chosen'; host: string }
  /** Hosts are free in time, but every one of them has spent its daily budget until `until`. */
  | { kind: 'parked'; until: string; hosts: string[] }
  /** No host is free for every occurrence: the bookings it collides with, per host. */
  | { kind: 'exhausted'; collisions: PoolCollision[] };

/**
 * The host for a booking that has none (or must leave its own): among the pool's hosts that hold
 * no booking its occurrences would exceed the host's concurrency with, those with budget left, the
 * least loaded (booked minutes in the view), then the fewest bookings, then the pool's order.
 * `except` leaves hosts out (the one a booking must leave). The candidate's own earlier entries in
 * the view (its event id) are not counted against it.
 */
export function chooseHost(
  candidate: Pick<PoolBooking, 'eventId' | 'intervals'>,
  view: PoolView,
  now: Date,
  except: readonly string[] = [],
): HostChoice {
  const skip = new Set(except.map((h) => h.toLowerCase()));
  const free: Array<{ state: PoolHostState; index: number; minutes: number; count: number }> = [];
  const collisions: PoolCollision[] = [];
  view.hosts.forEach((state, index) => {
    if (skip.has(state.host.toLowerCase())) return;
    const others = state.bookings.filter((b) => b.eventId !== candidate.eventId);
    const blocking = collisionsOn(candidate.intervals, others, view);
    if (blocking.length > 0) {
      for (const b of blocking) collisions.push({ host: state.host, ...b });
      return;
    }
    free.push({ state, index, minutes: bookedMinutes(others), count: others.length });
  });
  if (free.length === 0) return { kind: 'exhausted', collisions };
  const ready = free.filter((f) => !isParked(f.state, now));
  if (ready.length === 0) {
    const until = free.map((f) => f.state.parkedUntil!).sort()[0]!;
    return { kind: 'parked', until, hosts: free.map((f) => f.state.host) };
  }
  ready.sort((a, b) => a.minutes - b.minutes || a.count - b.count || a.index - b.index);
  return { kind: 'chosen', host: ready[0]!.state.host };
}

/**
 * Whether a booking may stay on the host it has, and which of the bookings it now collides with
 * there have to leave instead. Among the bookings that meet on the host, the earlier-booked keep
 * it (first come, first served; the event id breaks a tie): they are taken in that order and each
 * kept while the host can hold it beside those kept before. `stays` is false when this booking is
 * among those that have to leave; `displaced` are the later-booked ones that have to leave for it.
 */
export function hostConflict(
  booking: PoolBooking,
  host: string,
  view: PoolView,
): { stays: boolean; displaced: PoolBooking[]; collisions: PoolCollision[] } {
  const state = view.hosts.find((h) => h.host.toLowerCase() === host.toLowerCase());
  if (!state) return { stays: true, displaced: [], collisions: [] };
  const others = state.bookings.filter((b) => b.eventId !== booking.eventId);
  const collisions = collisionsOn(booking.intervals, others, view).map((c) => ({ host, ...c }));
  if (collisions.length === 0) return { stays: true, displaced: [], collisions };
  const meeting = new Set(collisions.map((c) => c.eventId));
  const contenders = [booking, ...others.filter((b) => meeting.has(b.eventId))].sort(
    byBookingOrder,
  );
  const kept: PoolBooking[] = [];
  const displaced: PoolBooking[] = [];
  for (const contender of contenders) {
    if (collisionsOn(contender.intervals, kept, view).length === 0) kept.push(contender);
    else displaced.push(contender);
  }
  const stays = kept.some((b) => b.eventId === booking.eventId);
  return {
    stays,
    displaced: stays ? displaced : [],
    collisions: stays ? [] : collisions,
  };
}

/** What keeps a booking off a host now: the bookings there it would exceed the host with. */
export function collisionsWith(
  booking: Pick<PoolBooking, 'eventId' | 'intervals'>,
  host: string,
  view: PoolView,
): PoolCollision[] {
  const state = view.hosts.find((h) => h.host.toLowerCase() === host.toLowerCase());
  if (!state) return [];
  const others = state.bookings.filter((b) => b.eventId !== booking.eventId);
  return collisionsOn(booking.intervals, others, view).map((c) => ({ host: state.host, ...c }));
}

/** Earlier-booked first; the event id breaks a tie, so every copy decides alike. */
export function byBookingOrder(a: PoolBooking, b: PoolBooking): number {
  if (a.bookedAt !== b.bookedAt) return a.bookedAt < b.bookedAt ? -1 : 1;
  return a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0;
}

/**
 * The bookings of `held` that a booking with `intervals` cannot be added beside: at some instant
 * of one of its occurrences the host would hold more than it may. Every booking counts from its
 * start to its end plus the buffer (a meeting that runs over). Each is named once, with the first
 * instant that happens.
 */
function collisionsOn(
  intervals: readonly Interval[],
  held: readonly PoolBooking[],
  view: Pick<PoolView, 'concurrentMeetingsPerHost' | 'bufferMinutes'>,
): Array<{ eventId: string; title: string; at: string }> {
  const buffer = view.bufferMinutes * 60_000;
  const capacity = view.concurrentMeetingsPerHost;
  const found = new Map<string, { eventId: string; title: string; at: number }>();
  // Every held span (with its buffer) by start, and the longest: a span that starts more than
  // that before an occurrence ends before it, so each occurrence looks only at a short run.
  const spans: Array<{ booking: PoolBooking; span: Interval }> = [];
  let longest = 0;
  for (const booking of held)
    for (const span of booking.intervals) {
      const taken = { start: span.start, end: span.end + buffer };
      spans.push({ booking, span: taken });
      longest = Math.max(longest, taken.end - taken.start);
    }
  spans.sort((a, b) => a.span.start - b.span.start);
  for (const own of intervals) {
    const wide = { start: own.start, end: own.end + buffer };
    const touching: Array<{ booking: PoolBooking; span: Interval }> = [];
    for (let i = firstStartAfter(spans, wide.start - longest); i < spans.length; i += 1) {
      const { span } = spans[i]!;
      if (span.start >= wide.end) break;
      if (wide.start < span.end) touching.push(spans[i]!);
    }
    if (touching.length < capacity) continue;
    // Sweep the instants of the occurrence: where the held bookings already fill the host, every
    // booking held there is in the way.
    const edges = touching.flatMap(({ span }) => [
      { at: Math.max(span.start, wide.start), step: 1 },
      { at: Math.min(span.end, wide.end), step: -1 },
    ]);
    edges.sort((a, b) => a.at - b.at || a.step - b.step);
    let depth = 0;
    for (const edge of edges) {
      depth += edge.step;
      if (edge.step !== 1 || depth < capacity) continue;
      for (const { booking, span } of touching) {
        if (span.start > edge.at || span.end <= edge.at) continue;
        const seen = found.get(booking.eventId);
        if (!seen || edge.at < seen.at)
          found.set(booking.eventId, {
            eventId: booking.eventId,
            title: booking.title,
            at: edge.at,
          });
      }
    }
  }
  return [...found.values()]
    .sort((a, b) => a.at - b.at || (a.eventId < b.eventId ? -1 : 1))
    .map((c) => ({ eventId: c.eventId, title: c.title, at: new Date(c.at).toISOString() }));
}

/** The index of the first span (sorted by start) that starts after `at`. */
function firstStartAfter(spans: ReadonlyArray<{ span: Interval }>, at: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (spans[mid]!.span.start > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function bookedMinutes(bookings: readonly PoolBooking[]): number {
  let ms = 0;
  for (const b of bookings) for (const i of b.intervals) ms += i.end - i.start;
  return ms / 60_000;
}

function isParked(state: PoolHostState, now: Date): boolean {
  return state.parkedUntil !== undefined && Date.parse(state.parkedUntil) > now.getTime();
}

/** The most bookings a host holds at one instant (what `concurrentMeetingsPerHost` bounds). */
export function peakConcurrency(intervals: readonly Interval[]): number {
  const edges = intervals.flatMap((i) => [
    { at: i.start, step: 1 },
    { at: i.end, step: -1 },
  ]);
  edges.sort((a, b) => a.at - b.at || a.step - b.step);
  let depth = 0;
  let peak = 0;
  for (const edge of edges) {
    depth += edge.step;
    peak = Math.max(peak, depth);
  }
  return peak;
}
