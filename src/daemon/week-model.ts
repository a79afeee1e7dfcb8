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

/** Occurrences of a series as last expanded, kept while its link is unchanged (`updatedAt`). */
export type WeekCache = Map<string, { updatedAt: string; until: number; spans: Span[] }>;

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

export function readWeek(
  store: Store,
  now: Date,
  zone: string,
  rooms: Array<{ calendarId: string; name: string }>,
  cache: WeekCache = new Map(),
): WeekModel {
  const clock = zoneClock(isKnownZone(zone) ? zone : 'UTC', now, weekDays);
  const start = clock.dayStart;
  const end = clock.instant(clock.local(start) + weekDays * DAY_MS);
  const seen = new Set<string>();
  const occurrences: Array<{ link: ScheduledLink; start: number; end: number }> = [];
  for (const link of store.links.listOverlapping(new Date(start), new Date(end))) {
    for (const span of spansOf(store, link, start, end, cache)) {
      if (span.end > start && span.start < end)
        occurrences.push({ link, start: span.start, end: span.end });
    }
    seen.add(link.eventId);
  }
  for (const id of cache.keys()) if (!seen.has(id)) cache.delete(id);

  const [fromHour, toHour] = visibleHours(occurrences, clock);
  const byRoom = new Map(
    rooms.map((room) => [room.calendarId.toLowerCase(), { ...room, blocks: [] as WeekBlock[] }]),
  );
  const counts = Object.fromEntries(blockKinds.map((k) => [k, 0])) as Record<BlockKind, number>;
  const dayLocal = clock.local(start);
  const hours = (toHour - fromHour) * HOUR_MS;
  for (const { link, start: s, end: e } of occurrences) {
    const kind = kindOf(link);
    counts[kind] += 1;
    const ls = clock.local(s);
    const le = clock.local(Math.max(e, s + 60_000));
    for (let day = 0; day < weekDays; day += 1) {
      const low = dayLocal + day * DAY_MS + fromHour * HOUR_MS;
      const from = Math.max(ls, low);
      const to = Math.min(le, low + hours);
      if (to <= from) continue;
      const block: WeekBlock = {
        eventId: link.eventId,
        title: link.title ?? `(event ${link.eventId})`,
        kind,
        localStart: ls,
        localEnd: clock.local(e),
        day,
        from: (from - low) / hours,
        to: (to - low) / hours,
      };
      for (const calendarId of link.rooms) byRoom.get(calendarId.toLowerCase())?.blocks.push(block);
    }
  }
  const nowLocal = clock.local(now.getTime()) - dayLocal;
  const nowDay = Math.floor(nowLocal / DAY_MS);
  const nowAt = (nowLocal - nowDay * DAY_MS - fromHour * HOUR_MS) / hours;
  return {
    zone: clock.zone,
    start,
    days: Array.from({ length: weekDays }, (_, d) =>
      new Date(dayLocal + d * DAY_MS).toISOString().slice(0, 10),
    ),
    fromHour,
    toHour,
    ...(nowAt >= 0 && nowAt <= 1 ? { now: { day: nowDay, at: nowAt } } : {}),
    rooms: [...byRoom.values()],
    counts,
  };
}

/** The hours to show: 08–18, widened to every booking shorter than 12 h that falls outside. */
function visibleHours(
  occurrences: Array<{ start: number; end: number }>,
  clock: ZoneClock,
): [number, number] {
  let [from, to] = DEFAULT_HOURS;
  for (const { start, end } of occurrences) {
    if (end - start >= 12 * HOUR_MS) continue;
    const ls = clock.local(start);
    const le = clock.local(end);
    const dayOf = Math.floor(ls / DAY_MS) * DAY_MS;
    from = Math.min(from, Math.floor((ls - dayOf) / HOUR_MS));
    to = Math.max(to, Math.min(24, Math.ceil((le - dayOf) / HOUR_MS)));
  }
  return [from, to];
}

/**
 * The occurrences of one booking near the week: its span when that is one occurrence (at most a
 * day long); else Google's expansion of the stored event, with the recorded instances applied.
 * A skipped or foreign series keeps no event: it is drawn only when its span is one day.
 */
function spansOf(
  store: Store,
  link: ScheduledLink,
  from: number,
  to: number,
  cache: WeekCache,
): Span[] {
  const start = Date.parse(link.startsAt);
  const end = link.endsAt === null ? null : Date.parse(link.endsAt);
  if (end !== null && end - start <= DAY_MS) return [{ start, end, original: start }];
  const cached = cache.get(link.eventId);
  let spans: Span[];
  if (cached && cached.updatedAt === link.updatedAt && cached.until >= to) spans = cached.spans;
  else {
    const until = to + weekDays * DAY_MS;
    spans = expand(store, link, from - DAY_MS, until, start, end);
    cache.set(link.eventId, { updatedAt: link.updatedAt, until, spans });
  }
  return withOverrides(store, link.eventId, spans);
}

function expand(
  store: Store,
  link: ScheduledLink,
  from: number,
  to: number,
  start: number,
  end: number | null,
): Span[] {
  const event = store.links.getSnapshot(link.eventId);
  // A skipped or foreign series keeps no event: its occurrences are not known.
  if (!event || (event.kind !== 'master' && event.kind !== 'single')) return [];
  if (event.kind === 'single') return [{ start, end: end ?? start, original: start }];
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
