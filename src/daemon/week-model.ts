import type { LiveEvent } from '../domain/calendar-event.js';
import {
  EventInputError,
  expandParsedEvent,
  parseEvent,
  RecurrenceNotExpandable,
} from '../recurrence/index.js';
import type { ScheduledLink, Store } from '../store/index.js';
import { DAY_MS, HOUR_MS, isKnownZone, zoneClock, type ZoneClock } from './zone-clock.js';

/**
 * The week view's model: the next seven days (from the start of today) in one zone, one row per
 * room, each booking occurrence a block coloured by what zoomlink did about it. Read from the
 * store without the event snapshots except for bookings whose span says they repeat, whose
 * occurrences are Google's expansion of the stored event (pure, `src/recurrence`), with the
 * instances the store records as cancelled or moved applied.
 */
export const weekDays = 7;

export type BlockKind = 'linked' | 'pending' | 'failed' | 'skipped' | 'foreign';
export const blockKinds: readonly BlockKind[] = [
  'linked',
  'pending',
  'failed',
  'skipped',
  'foreign',
];

export interface WeekBlock {
  eventId: string;
  title: string;
  kind: BlockKind;
  /** The occurrence as wall-clock time in the week's zone ("floating" ms: UTC fields read as local). */
  localStart: number;
  localEnd: number;
  /** On the axis: the day (0–6) and the fraction of the visible hours it starts at and covers. */
  day: number;
  from: number;
  to: number;
}

export interface WeekRoom {
  calendarId: string;
  name: string;
  blocks: WeekBlock[];
}

export interface WeekModel {
  zone: string;
  /** The instant the first day starts, and the local dates of the seven days (`YYYY-MM-DD`). */
  start: number;
  days: string[];
  /** The hours of each day the axis shows (local, 0–24). */
  fromHour: number;
  toHour: number;
  /** Where "now" falls: its day and fraction of the visible hours (undefined: outside them). */
  now?: { day: number; at: number };
  rooms: WeekRoom[];
  counts: Record<BlockKind, number>;
}

/**
 * What one reading of the week keeps for the next: the whole week while nothing in the store
 * changed, and per link while it is drawn the same (`sameDrawing`) its series' occurrences as
 * expanded and its blocks as placed (for a given week start and hours). A fresh page then costs
 * the store's read and the links that changed, or nothing but "now" between two polls.
 */
export interface WeekCache {
  links: Map<string, WeekCacheEntry>;
  /** The last reading, kept while nothing in the store changed (`store.changeStamp`). */
  last?: { stamp: string; key: string; week: Omit<WeekModel, 'now'> };
}

export function createWeekCache(): WeekCache {
  return { links: new Map() };
}

interface WeekCacheEntry {
  /** The booking as read from the store when its blocks were made. */
  link: ScheduledLink;
  /** Its span, when that is one occurrence (at most a day long). */
  single: Span[] | undefined;
  /** A series: its occurrences up to `until` (before the store's instances are applied). */
  expanded?: { until: number; spans: Span[] };
  /** One occurrence: its blocks, for the week and hours of `key`. */
  placed?: { key: string; blocks: WeekBlock[] };
  /** One occurrence: the hours of the day it needs on the axis, in `zone` (null: none). */
  hours?: { zone: string; range: [number, number] | null };
}

interface Span {
  start: number;
  end: number;
  /** The original start (ms) the store's overrides are keyed by. */
  original: number;
}

/** Most rule instances one series' expansion may look at for the page (a hostile rule stops). */
const PAGE_SCAN_LIMIT = 5000;
/** The axis shows at least these hours, more when bookings fall outside them. */
const DEFAULT_HOURS: [number, number] = [8, 18];

function kindOf(link: ScheduledLink): BlockKind {
  if (link.state === 'ignored') return link.strategy === 'foreign' ? 'foreign' : 'skipped';
  return link.state === 'deleted' ? 'skipped' : link.state;
}

interface Booking {
  link: ScheduledLink;
  entry: WeekCacheEntry;
  /** Its occurrences within the week. */
  spans: Span[];
}

export function readWeek(
  store: Store,
  now: Date,
  zone: string,
  rooms: Array<{ calendarId: string; name: string }>,
  cache: WeekCache = createWeekCache(),
): WeekModel {
  const clock = zoneClock(isKnownZone(zone) ? zone : 'UTC', now, weekDays);
  // Between two polls nothing changes: the week read last serves again, with "now" moved on.
  const stamp = store.changeStamp();
  const key = `${clock.zone}|${clock.dayStart}`;
  const last = cache.last;
  const week =
    last?.stamp === stamp && last.key === key ? last.week : readAfresh(store, clock, rooms, cache);
  cache.last = { stamp, key, week };
  return { ...week, ...nowOf(week, clock, now) };
}

/** Where "now" falls on the axis: its day and fraction of the hours shown, if within them. */
function nowOf(week: Omit<WeekModel, 'now'>, clock: ZoneClock, now: Date): Pick<WeekModel, 'now'> {
  const hours = (week.toHour - week.fromHour) * HOUR_MS;
  const local = clock.local(now.getTime()) - clock.local(week.start);
  const day = Math.floor(local / DAY_MS);
  const at = (local - day * DAY_MS - week.fromHour * HOUR_MS) / hours;
  return at >= 0 && at <= 1 ? { now: { day, at } } : {};
}

function readAfresh(
  store: Store,
  clock: ZoneClock,
  rooms: Array<{ calendarId: string; name: string }>,
  { links: cache }: WeekCache,
): Omit<WeekModel, 'now'> {
  const start = clock.dayStart;
  const end = clock.instant(clock.local(start) + weekDays * DAY_MS);
  const seen = new Set<string>();
  const bookings: Booking[] = [];
  for (const link of store.links.listOverlapping(new Date(start), new Date(end))) {
    seen.add(link.eventId);
    let entry = cache.get(link.eventId);
    if (!entry || !sameDrawing(entry.link, link)) {
      entry = { link, single: oneOccurrence(link) };
      cache.set(link.eventId, entry);
    }
    const spans = entry.single ?? occurrencesOf(store, link, start, end, entry);
    const within = spans.every((span) => span.end > start && span.start < end)
      ? spans
      : spans.filter((span) => span.end > start && span.start < end);
    if (within.length > 0) bookings.push({ link, entry, spans: within });
  }
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);

  const [fromHour, toHour] = visibleHours(bookings, clock);
  const byRoom = new Map(
    rooms.map((room) => [room.calendarId.toLowerCase(), { ...room, blocks: [] as WeekBlock[] }]),
  );
  const counts = Object.fromEntries(blockKinds.map((k) => [k, 0])) as Record<BlockKind, number>;
  const axis: Axis = { clock, dayLocal: clock.local(start), fromHour, toHour };
  const key = `${start}|${fromHour}|${toHour}`;
  for (const booking of bookings) {
    const { link, entry } = booking;
    counts[kindOf(link)] += booking.spans.length;
    let blocks = entry.single && entry.placed?.key === key ? entry.placed.blocks : undefined;
    if (!blocks) {
      blocks = booking.spans.flatMap((span) => place(link, span, axis));
      if (entry.single) entry.placed = { key, blocks };
    }
    for (const calendarId of link.rooms) {
      const room = byRoom.get(calendarId.toLowerCase());
      if (room) for (const block of blocks) room.blocks.push(block);
    }
  }
  // In time order within each room (the order a keyboard goes through them).
  for (const room of byRoom.values()) room.blocks.sort((a, b) => a.day - b.day || a.from - b.from);
  return {
    zone: clock.zone,
    start,
    days: Array.from({ length: weekDays }, (_, d) =>
      new Date(axis.dayLocal + d * DAY_MS).toISOString().slice(0, 10),
    ),
    fromHour,
    toHour,
    rooms: [...byRoom.values()],
    counts,
  };
}

interface Axis {
  clock: ZoneClock;
  /** Local midnight of the first day, wall-clock ms. */
  dayLocal: number;
  fromHour: number;
  toHour: number;
}

/** One occurrence as blocks: one for each day it touches within the hours shown. */
function place(link: ScheduledLink, span: Span, { clock, dayLocal, fromHour, toHour }: Axis) {
  const hours = (toHour - fromHour) * HOUR_MS;
  const ls = clock.local(span.start);
  const le = clock.local(Math.max(span.end, span.start + 60_000));
  const blocks: WeekBlock[] = [];
  for (let day = 0; day < weekDays; day += 1) {
    const low = dayLocal + day * DAY_MS + fromHour * HOUR_MS;
    const from = Math.max(ls, low);
    const to = Math.min(le, low + hours);
    if (to <= from) continue;
    blocks.push({
      eventId: link.eventId,
      title: link.title ?? `(event ${link.eventId})`,
      kind: kindOf(link),
      localStart: ls,
      localEnd: clock.local(span.end),
      day,
      from: (from - low) / hours,
      to: (to - low) / hours,
    });
  }
  return blocks;
}

/** The hours to show: 08–18, widened to every occurrence shorter than 12 h that falls outside. */
function visibleHours(bookings: Booking[], clock: ZoneClock): [number, number] {
  let [from, to] = DEFAULT_HOURS;
  for (const { entry, spans } of bookings) {
    // A booking of one occurrence keeps its hours (a fresh page has thousands of them).
    if (entry.single && entry.hours?.zone !== clock.zone)
      entry.hours = { zone: clock.zone, range: hoursOf(spans[0]!, clock) };
    for (const span of spans) {
      const range = entry.single ? entry.hours!.range : hoursOf(span, clock);
      if (!range) continue;
      from = Math.min(from, range[0]);
      to = Math.max(to, range[1]);
    }
  }
  return [from, to];
}

/** The hours of its local day an occurrence needs (null when it lasts 12 h or more). */
function hoursOf({ start, end }: Span, clock: ZoneClock): [number, number] | null {
  if (end - start >= 12 * HOUR_MS) return null;
  const ls = clock.local(start);
  const dayOf = Math.floor(ls / DAY_MS) * DAY_MS;
  return [
    Math.floor((ls - dayOf) / HOUR_MS),
    Math.min(24, Math.ceil((clock.local(end) - dayOf) / HOUR_MS)),
  ];
}

/**
 * Whether a booking is drawn as it was: everything its blocks show is the same, and it was not
 * written since (`updatedAt`: a series' new rule keeps its title and span, not its time of
 * change; two writes within one millisecond could leave a series' occurrences as they were until
 * its next change). Its rooms are read afresh each time.
 */
function sameDrawing(kept: ScheduledLink, link: ScheduledLink): boolean {
  return (
    kept.updatedAt === link.updatedAt &&
    kept.state === link.state &&
    kept.strategy === link.strategy &&
    kept.title === link.title &&
    kept.startsAt === link.startsAt &&
    kept.endsAt === link.endsAt
  );
}

/** A booking whose span is one occurrence (at most a day long): that occurrence. */
function oneOccurrence(link: ScheduledLink): Span[] | undefined {
  if (link.endsAt === null) return undefined;
  const start = Date.parse(link.startsAt);
  const end = Date.parse(link.endsAt);
  return end - start <= DAY_MS ? [{ start, end, original: start }] : undefined;
}

/**
 * The occurrences of a booking that repeats (or lasts days): Google's expansion of the stored
 * event, kept while the link is unchanged, with the instances the store records applied (read
 * each time: recording one does not always change the link). A skipped or foreign series keeps
 * no event: it is not drawn.
 */
function occurrencesOf(
  store: Store,
  link: ScheduledLink,
  from: number,
  to: number,
  entry: WeekCacheEntry,
): Span[] {
  if (!entry.expanded || entry.expanded.until < to) {
    const until = to + weekDays * DAY_MS;
    entry.expanded = { until, spans: expand(store, link, from - DAY_MS, until) };
  }
  return withOverrides(store, link.eventId, entry.expanded.spans);
}

function expand(store: Store, link: ScheduledLink, from: number, to: number): Span[] {
  const event = store.links.getSnapshot(link.eventId);
  if (!event || (event.kind !== 'master' && event.kind !== 'single')) return [];
  if (event.kind === 'single') {
    // Lasting longer than a day: its span is its one occurrence.
    const start = Date.parse(link.startsAt);
    const end = link.endsAt === null ? start : Date.parse(link.endsAt);
    return [{ start, end, original: start }];
  }
  try {
    return expandParsedEvent(parseEvent((event as LiveEvent).resource), {
      from: new Date(from),
      to: new Date(to),
      scanLimit: PAGE_SCAN_LIMIT,
    }).map((o) => ({
      start: o.start.getTime(),
      end: o.end.getTime(),
      original: o.start.getTime(),
    }));
  } catch (error) {
    if (error instanceof EventInputError || error instanceof RecurrenceNotExpandable) return [];
    throw error;
  }
}

/** Cancelled instances go; moved ones go to their new time (from wherever they were). */
function withOverrides(store: Store, eventId: string, spans: Span[]): Span[] {
  const overrides = store.overrides.listForLink(eventId);
  if (overrides.length === 0) return spans;
  const changed = new Set(overrides.map((o) => Date.parse(o.originalStart)));
  const out = spans.filter((s) => !changed.has(s.original));
  const usual = spans[0] ? spans[0].end - spans[0].start : HOUR_MS;
  for (const o of overrides) {
    if (o.kind !== 'moved' || o.newStart === null) continue;
    const start = Date.parse(o.newStart);
    const duration = o.newDurationMinutes === null ? usual : o.newDurationMinutes * 60_000;
    out.push({ start, end: start + duration, original: Date.parse(o.originalStart) });
  }
  return out.sort((a, b) => a.start - b.start);
}
