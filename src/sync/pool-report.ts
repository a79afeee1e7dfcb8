import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { HOST_POOL_EXHAUSTED, loadPoolView, storedOccupancy } from './apply/pool-view.js';
import { peakConcurrency, type Interval } from './plan/host-pool.js';

/**
 * What a shared host pool holds over the next days (`zoomlink pool`, the status page's pool
 * timeline): per host its bookings and booked minutes per (UTC) day and the most it holds at once;
 * the bookings waiting for a free host; and, over all of them, the most bookings at one instant
 * and so the fewest hosts the pool needs (a lower bound: a series keeps one host for all its
 * occurrences, which may ask for more).
 */
export interface PoolReportBooking {
  eventId: string;
  title: string;
  /** Its occurrences within the report's days. */
  intervals: Interval[];
}

export interface PoolReport {
  from: string;
  to: string;
  days: string[];
  capacity: number;
  bufferMinutes: number;
  hosts: Array<{
    host: string;
    parkedUntil: string | null;
    bookings: PoolReportBooking[];
    /** Booked minutes per day (`YYYY-MM-DD`, UTC), each day of the report. */
    minutesByDay: Record<string, number>;
    peak: number;
  }>;
  /** Bookings that failed for want of a free host (HOST_POOL_EXHAUSTED). */
  waiting: PoolReportBooking[];
  /** The most bookings (waiting ones included) at one instant. */
  peak: number;
  hostsNeeded: number;
}

const DAY_MS = 86_400_000;

export function poolReport(
  store: Store,
  config: Pick<Config, 'rooms' | 'zoom'>,
  now: Date,
  days: number,
): PoolReport {
  const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const to = new Date(from.getTime() + days * DAY_MS);
  const window = { from, to };
  const buffer = config.rooms.poolBufferMinutes * 60_000;
  const clip = (intervals: readonly Interval[]) =>
    intervals.filter((i) => i.end > from.getTime() && i.start < to.getTime());
  const view = loadPoolView({ store, config: config as Config, now: () => now });
  const dayKeys = Array.from({ length: days }, (_, i) =>
    new Date(from.getTime() + i * DAY_MS).toISOString().slice(0, 10),
  );
  const held = (intervals: Interval[]) => intervals.map((i) => ({ ...i, end: i.end + buffer }));
  const hosts = view.hosts.map((state) => {
    const bookings = state.bookings
      .map((b) => ({ eventId: b.eventId, title: b.title, intervals: clip(b.intervals) }))
      .filter((b) => b.intervals.length > 0);
    const all = bookings.flatMap((b) => b.intervals);
    return {
      host: state.host,
      parkedUntil: state.parkedUntil ?? null,
      bookings,
      minutesByDay: minutesByDay(all, dayKeys, from),
      peak: peakConcurrency(held(all)),
    };
  });
  const waiting = store.links
    .listByState('failed')
    .filter((link) => link.lastError?.startsWith(HOST_POOL_EXHAUSTED) === true)
    .map((link) => {
      const { title, intervals } = storedOccupancy(store, link.eventId, window);
      return { eventId: link.eventId, title, intervals: clip(intervals) };
    })
    .filter((b) => b.intervals.length > 0);
  const everything = [...hosts.flatMap((h) => h.bookings), ...waiting].flatMap((b) => b.intervals);
  const peak = peakConcurrency(held(everything));
  const capacity = config.zoom.concurrentMeetingsPerHost;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    days: dayKeys,
    capacity,
    bufferMinutes: config.rooms.poolBufferMinutes,
    hosts,
    waiting,
    peak,
    hostsNeeded: Math.ceil(peak / capacity),
  };
}

function minutesByDay(intervals: Interval[], days: string[], from: Date): Record<string, number> {
  const minutes = Object.fromEntries(days.map((d) => [d, 0]));
  for (const { start, end } of intervals)
    for (let day = 0; day < days.length; day += 1) {
      const dayStart = from.getTime() + day * DAY_MS;
      const overlap = Math.min(end, dayStart + DAY_MS) - Math.max(start, dayStart);
      if (overlap > 0) minutes[days[day]!] = (minutes[days[day]!] ?? 0) + overlap / 60_000;
    }
  return minutes;
}
