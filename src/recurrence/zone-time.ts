import { IANAZone } from 'luxon';

/**
 * Wall-clock time ("floating" time) and instants in IANA zones.
 *
 * A wall-clock time is carried as "floating milliseconds": the epoch milliseconds of the same
 * calendar fields read as if they were UTC. Rules are expanded on floating times (so a weekly
 * 15:30 stays 15:30 across DST, as Google keeps it) and only then placed in the zone.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** How a wall-clock time maps to instants in a zone. */
export type WallClockKind = 'exact' | 'gap' | 'ambiguous';

export interface ResolvedWallClock {
  instantMs: number;
  kind: WallClockKind;
}

const zones = new Map<string, InstanceType<typeof IANAZone>>();
const knownZones = new Map<string, boolean>();
/** Per zone: UTC day number → the offset in force all that day, or null when it changes that day. */
const dayOffsets = new Map<string, Map<number, number | null>>();

function zoneOf(name: string): InstanceType<typeof IANAZone> {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    zones.set(name, zone);
  }
  return zone;
}

/** True for a zone name this machine's time-zone database knows (e.g. `Asia/Taipei`, `UTC`). */
export function isKnownZone(name: string): boolean {
  // luxon builds an Intl formatter per question; the answer never changes within a process.
  let known = knownZones.get(name);
  if (known === undefined) {
    known = name.length > 0 && IANAZone.isValidZone(name);
    if (knownZones.size > 10_000) knownZones.clear();
    knownZones.set(name, known);
  }
  return known;
}

/**
 * The zone's UTC offset in minutes at an instant. Asking the Intl database costs microseconds, and
 * a series asks thousands of times, so each UTC day whose offset is the same at both ends is
 * remembered (no zone changes its offset and back within one day); on a day it changes, each
 * quarter hour the same way (a SECONDLY rule asks about every second of that day).
 */
export function offsetMinutes(zone: string, instantMs: number): number {
  return (
    constantOffset(dayOffsets, zone, instantMs, DAY_MS) ??
    constantOffset(quarterOffsets, zone, instantMs, QUARTER_MS) ??
    zoneOf(zone).offset(instantMs)
  );
}

const QUARTER_MS = 900_000;
/** Per zone: UTC quarter-hour number → the offset in force all of it, or null when it changes. */
const quarterOffsets = new Map<string, Map<number, number | null>>();

/** The offset in force through the whole `spanMs`-long slice holding the instant, if one is. */
function constantOffset(
  cache: Map<string, Map<number, number | null>>,
  zone: string,
  instantMs: number,
  spanMs: number,
): number | null {
  let slices = cache.get(zone);
  if (!slices) {
    slices = new Map();
    cache.set(zone, slices);
  }
  const slice = Math.floor(instantMs / spanMs);
  let known = slices.get(slice);
  if (known === undefined) {
    const z = zoneOf(zone);
    const first = z.offset(slice * spanMs);
    known = first === z.offset((slice + 1) * spanMs - 1) ? first : null;
    if (slices.size > 100_000) slices.clear();
    slices.set(slice, known);
  }
  return known;
}

/** The wall-clock time (floating ms) that an instant shows in a zone. */
export function wallClockOf(instantMs: number, zone: string): number {
  return instantMs + offsetMinutes(zone, instantMs) * MINUTE_MS;
}

/**
 * The instant a wall-clock time denotes in a zone. RFC 5545 §3.3.5 decides the two cases the
 * clock makes hard: a time that occurs twice (the clocks go back) is the first of the two, and a
 * time that does not occur (the clocks go forward) is read with the UTC offset before the gap.
 * Neither Google nor Zoom documents what it does there, so callers that must be right get `kind`
 * and decide for themselves (the converter falls back).
 */
export function resolveWallClock(floatingMs: number, zone: string): ResolvedWallClock {
  // The real instant lies within ±14 h of the floating one; a transition is never closer than
  // that to another, so the offsets in force 15 h either side are the only candidates.
  const before = offsetMinutes(zone, floatingMs - 15 * HOUR_MS);
  const after = offsetMinutes(zone, floatingMs + 15 * HOUR_MS);
  if (before === after && offsetMinutes(zone, floatingMs) === before) {
    return { instantMs: floatingMs - before * MINUTE_MS, kind: 'exact' };
  }
  const candidates = new Set([before, offsetMinutes(zone, floatingMs), after]);
  const valid: number[] = [];
  for (const offset of candidates) {
    const instant = floatingMs - offset * MINUTE_MS;
    if (offsetMinutes(zone, instant) === offset) valid.push(instant);
  }
  valid.sort((a, b) => a - b);
  const [first] = valid;
  if (first === undefined) return { instantMs: floatingMs - before * MINUTE_MS, kind: 'gap' };
  return { instantMs: first, kind: valid.length > 1 ? 'ambiguous' : 'exact' };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DDTHH:mm:ss` of a floating time: what Zoom's `start_time` without `Z` wants. */
export function formatFloating(floatingMs: number): string {
  const d = new Date(floatingMs);
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** `YYYY-MM-DDTHH:mm:ssZ` of an instant (seconds precision, as Zoom and our JSON use). */
export function formatUtc(instantMs: number): string {
  return `${formatFloating(instantMs)}Z`;
}

/** `YYYY-MM-DD` of a floating time. */
export function formatFloatingDate(floatingMs: number): string {
  return formatFloating(floatingMs).slice(0, 10);
}

/** Floating ms of calendar fields (month 1–12). */
export function floatingOf(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return Date.UTC(year, month - 1, day, hour, minute, second);
}

/** Midnight (floating) of the day a floating time falls on. */
export function floatingDay(floatingMs: number): number {
  return Math.floor(floatingMs / DAY_MS) * DAY_MS;
}

/** Milliseconds since midnight of a floating time. */
export function timeOfDay(floatingMs: number): number {
  return floatingMs - floatingDay(floatingMs);
}

/** 0 = Sunday … 6 = Saturday, of a floating time. */
export function weekdayOf(floatingMs: number): number {
  return new Date(floatingMs).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}
