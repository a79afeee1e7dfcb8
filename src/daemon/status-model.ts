import type { CalendarEvent, EventDateTime, LiveEvent } from '../domain/calendar-event.js';
import { repeatsOf } from '../log-sentences.js';
import type { Link, LinkState, Store } from '../store/index.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';
import type { JobStatus } from './scheduler.js';
import { readRollout, type RolloutView } from './status-rollout.js';
import type { PoolPageView } from './status-pool.js';
import { readWeek, type WeekCache, type WeekModel } from './week-model.js';

/**
 * What the status page shows, read from the store in one go. Kept apart from the HTML so the
 * page stays a pure function of this model and the reading can be tested (and timed) alone.
 */
export interface DaemonInfo {
  mode: 'live' | 'demo';
  version: string;
  startedAt: Date;
  jobs: JobStatus[];
  /** Seconds after which a room's last good poll counts as stale (`server.readyMaxLagSeconds`). */
  readyMaxLagSeconds: number;
  /** The workers: bookings in flight, and the upstreams' rate limiters. */
  work?: { inFlight: number; limiters: RateLimiterStatus[] };
}

export interface RoomView {
  calendarId: string;
  name: string;
  zoomHost: string;
  lastPollAt: string | null;
  lastSuccessAt: string | null;
  /** Seconds since the last good poll; null before the first one. */
  lagSeconds: number | null;
  lastError: string | null;
  lastErrorAt: string | null;
  stale: boolean;
}

export interface BookingView {
  eventId: string;
  title: string;
  organizer: string;
  rooms: string[];
  /** The (first) start as Google gave it, with its zone. */
  start: EventDateTime | undefined;
  /** `weekly`, `monthly`… for a series; undefined for a single booking. */
  repeats: string | undefined;
  strategy: Link['strategy'];
  /**
   * A series' Zoom side, as the link keeps it: "weekly on Tuesday, 16 occurrences, 8 removed"
   * (the pattern, the occurrences Zoom makes and how many of them zoomlink deleted).
   */
  zoomSeries: string | undefined;
  meetingId: number | null;
  joinUrl: string | null;
}

export interface FailureView {
  eventId: string;
  title: string;
  rooms: string[];
  state: LinkState;
  reason: string;
  attempts: number;
  since: string | null;
  nextAttemptAt: string | null;
}

export interface HostView {
  host: string;
  parkedUntil: string | null;
  quotaRemaining: number | null;
}

/** The work queue: what waits, for how long, and how long the rate limiters make calls wait. */
export interface QueueView {
  queued: number;
  held: number;
  inFlight: number;
  /** Seconds the longest-waiting booking has been queued; null for an empty queue. */
  oldestAgeSeconds: number | null;
  limiters: LimiterView[];
}

export interface LimiterView {
  name: string;
  ratePerSecond: number;
  currentRatePerSecond: number;
  /** How long a call asked for now would wait, in seconds. */
  waitSeconds: number;
  slowDowns: number;
}

export interface StatusModel {
  generatedAt: Date;
  daemon: DaemonInfo;
  rooms: RoomView[];
  linksByState: Record<LinkState, number>;
  upcoming: BookingView[];
  upcomingTotal: number;
  failures: FailureView[];
  failuresTotal: number;
  parked: HostView[];
  queue: QueueView;
  /** Observations, bookings out of scope, updates waiting for a host's quota. */
  rollout: RolloutView;
  /** The user-level Zoom login and the shared host pool (`status-pool.ts`), when configured. */
  zoomAccounts?: PoolPageView;
  week: WeekModel;
}

/** How many rows each list of the page shows at most. */
const shownAtMost = { upcoming: 50, failures: 100 };

/**
 * `weekCache` keeps what the week view read between readings (the daemon keeps one; without it
 * every reading reads and expands the whole week again).
 */
export function readStatus(
  store: Store,
  daemon: DaemonInfo,
  now: Date,
  weekCache?: WeekCache,
): StatusModel {
  const storedRooms = store.rooms.list();
  const roomNames = new Map(storedRooms.map((r) => [r.calendarId, r.name || r.calendarId]));
  const roomName = (calendarId: string) => roomNames.get(calendarId) ?? calendarId;

  const rooms = storedRooms.map((room): RoomView => {
    const lagSeconds = room.lastSuccessAt ? secondsBetween(room.lastSuccessAt, now) : null;
    return {
      calendarId: room.calendarId,
      name: room.name || room.calendarId,
      zoomHost: room.zoomHost,
      lastPollAt: room.lastPollAt,
      lastSuccessAt: room.lastSuccessAt,
      lagSeconds,
      lastError: room.lastError,
      lastErrorAt: room.lastErrorAt,
      stale: lagSeconds === null || lagSeconds > daemon.readyMaxLagSeconds,
    };
  });

  // The store finds the upcoming bookings by index (when each starts and ends); only the snapshots
  // of those shown are read.
  const upcoming = store.links
    .listUpcoming(now, shownAtMost.upcoming)
    .map((link) => toBookingView(link, liveSnapshot(store, link.eventId), roomName));

  const failing = [
    ...store.links.listByState('failed'),
    ...store.links.listByState('pending').filter((link) => link.lastError !== null),
  ].sort((a, b) => (b.lastErrorAt ?? '').localeCompare(a.lastErrorAt ?? ''));
  const failures = failing.slice(0, shownAtMost.failures).map((link): FailureView => ({
    eventId: link.eventId,
    // The title alone: a failure's whole event is not read for it.
    title: store.links.getTitle(link.eventId) || `(event ${link.eventId})`,
    rooms: link.rooms.map(roomName),
    state: link.state,
    reason: link.lastError ?? '',
    attempts: link.attempts,
    since: link.lastErrorAt,
    nextAttemptAt: link.nextAttemptAt,
  }));

  const parked = store.hosts.parked(now).map((host) => ({
    host: host.host,
    parkedUntil: host.parkedUntil,
    quotaRemaining: host.quotaRemaining,
  }));

  // The week is drawn in the zone most upcoming bookings are in (the rooms' own, in practice).
  const zone = mostCommon(upcoming.map((b) => b.start?.timeZone)) ?? 'UTC';
  const week = readWeek(
    store,
    now,
    zone,
    rooms.map((r) => ({ calendarId: r.calendarId, name: r.name })),
    weekCache,
  );

  return {
    generatedAt: now,
    daemon,
    rooms,
    linksByState: store.links.countByState(),
    upcoming,
    upcomingTotal: store.links.countUpcoming(now),
    failures,
    failuresTotal: failing.length,
    parked,
    queue: readQueue(store, daemon, now),
    rollout: readRollout(store, now),
    week,
  };
}

export function readQueue(store: Store, daemon: DaemonInfo, now: Date): QueueView {
  const counts = store.queue.counts();
  return {
    queued: counts.queued,
    held: counts.held,
    inFlight: daemon.work?.inFlight ?? 0,
    oldestAgeSeconds: counts.oldestQueuedAt ? secondsBetween(counts.oldestQueuedAt, now) : null,
    limiters: (daemon.work?.limiters ?? []).map((l) => ({
      name: l.name,
      ratePerSecond: l.ratePerSecond,
      currentRatePerSecond: l.currentRatePerSecond,
      waitSeconds: l.waitMs / 1000,
      slowDowns: l.slowDowns,
    })),
  };
}

function mostCommon(values: Array<string | undefined>): string | undefined {
  const counts = new Map<string, number>();
  for (const value of values) if (value) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: string | undefined;
  for (const [value, n] of counts) if (best === undefined || n > counts.get(best)!) best = value;
  return best;
}

function liveSnapshot(store: Store, eventId: string): LiveEvent | undefined {
  const event: CalendarEvent | undefined = store.links.getSnapshot(eventId);
  return event && (event.kind === 'single' || event.kind === 'master' || event.kind === 'exception')
    ? event
    : undefined;
}

function titleOf(event: LiveEvent | undefined, link: Link): string {
  return event?.summary || `(event ${link.eventId})`;
}

function toBookingView(
  link: Link,
  event: LiveEvent | undefined,
  roomName: (calendarId: string) => string,
): BookingView {
  return {
    eventId: link.eventId,
    title: titleOf(event, link),
    organizer: event?.organizer.displayName || event?.organizer.email || link.organizerEmail,
    rooms: link.rooms.map(roomName),
    start: event?.start,
    repeats: event?.kind === 'master' ? repeatsOf(event.recurrence) : undefined,
    strategy: link.strategy,
    zoomSeries: link.strategy === 'series' ? (link.reason ?? undefined) : undefined,
    meetingId: link.zoomMeetingId,
    joinUrl: link.joinUrl,
  };
}

function secondsBetween(iso: string, now: Date): number {
  return Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 1000));
}
