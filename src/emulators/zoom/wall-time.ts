import { FixedOffsetZone, IANAZone, type Zone } from 'luxon';
import { offsetMinutes } from './zone-offset.js';

/**
 * Zoom's `start_time` (SPEC meetingCreate): `yyyy-MM-ddTHH:mm:ssZ` is UTC; without `Z` it is wall-
 * clock time in `timezone`. An explicit offset is read as an instant too. Responses always carry
 * UTC with `Z` and no milliseconds (SPEC examples). Parsed by hand: luxon's zone handling costs a
 * tenth of a millisecond a call, which a benchmark through the emulator would measure.
 */
const START_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|([+-])(\d{2}):?(\d{2}))?$/;

const DAY_MS = 86_400_000;

/** The instant (epoch ms, whole seconds) a `start_time` means in `zone`, or undefined. */
export function parseStartTime(value: string, zone: Zone): number | undefined {
  const match = START_TIME.exec(value);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match
    .slice(1, 7)
    .map((part) => Number(part ?? 0));
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59)
    return undefined;
  const wall = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  if (new Date(wall).getUTCDate() !== day) return undefined; // 2024-02-30
  if (match[7] === 'Z') return wall;
  if (match[8]) {
    const sign = match[8] === '-' ? -1 : 1;
    return wall - sign * (Number(match[9]) * 60 + Number(match[10])) * 60_000;
  }
  return wallClockToMillis(wall, zone);
}

/**
 * The instant of a wall-clock time (given as if it were UTC) in `zone`. A time that occurs twice
 * (clocks going back) is the first one; a time that does not exist (clocks going forward) moves
 * forward by the gap, as calendars do. Deterministic, unlike a guess from today's offset.
 */
export function wallClockToMillis(wallAsUtc: number, zone: Zone): number {
  const before = offsetMinutes(zone, wallAsUtc - DAY_MS);
  const after = offsetMinutes(zone, wallAsUtc + DAY_MS);
  const candidates = before === after ? [before] : [before, after];
  const fits = candidates
    .map((offset) => wallAsUtc - offset * 60_000)
    .filter((ms) => offsetMinutes(zone, ms) * 60_000 === wallAsUtc - ms);
  if (fits.length > 0) return Math.min(...fits);
  return wallAsUtc - before * 60_000;
}

/** The wall-clock time of an instant in `zone`, as if it were UTC (read with getUTC…). */
export function wallClockOf(ms: number, zone: Zone): Date {
  return new Date(ms + offsetMinutes(zone, ms) * 60_000);
}

const zones = new Map<string, Zone | null>();

/** The zone for a time zone ID, or undefined when it is not one (memoised: luxon builds a formatter per check). */
export function zoneNamed(name: string): Zone | undefined {
  let zone = zones.get(name);
  if (zone === undefined) {
    zone =
      name === 'UTC'
        ? FixedOffsetZone.utcInstance
        : IANAZone.isValidZone(name)
          ? IANAZone.create(name)
          : null;
    zones.set(name, zone);
  }
  return zone ?? undefined;
}

export function isKnownTimezone(name: string): boolean {
  return zoneNamed(name) !== undefined;
}

export function formatUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The next 00:00 UTC after `now`: when the per-host daily limit resets (SPEC meetingCreate). */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
