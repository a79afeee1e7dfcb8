import type { Zone } from 'luxon';

/**
 * A zone's UTC offset (minutes) at an instant, fast: `Intl.DateTimeFormat#format` is several
 * times cheaper than the `formatToParts` luxon uses, and offsets are memoised per 15-minute
 * slice (every zone's transitions fall on quarter hours in UTC). Occurrence expansion asks for
 * a few offsets per occurrence; a benchmark creates thousands of series.
 */
const formats = new Map<string, Intl.DateTimeFormat>();
const memo = new Map<string, Map<number, number>>();
const SLICE_MS = 15 * 60_000;
const MEMO_LIMIT = 200_000;
const WALL = /^(\d+)\/(\d+)\/(\d+),? (\d+):(\d+):(\d+)$/;

export function offsetMinutes(zone: Zone, ms: number): number {
  if (zone.isUniversal) return zone.offset(ms);
  const slice = Math.floor(ms / SLICE_MS);
  let perZone = memo.get(zone.name);
  if (!perZone) memo.set(zone.name, (perZone = new Map()));
  const known = perZone.get(slice);
  if (known !== undefined) return known;
  if (perZone.size > MEMO_LIMIT) perZone.clear();
  const offset = computeOffset(zone, slice * SLICE_MS);
  perZone.set(slice, offset);
  return offset;
}

function computeOffset(zone: Zone, ms: number): number {
  let format = formats.get(zone.name);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone.name,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone.name, format);
  }
  const match = WALL.exec(format.format(new Date(ms)));
  if (!match) return zone.offset(ms);
  const [, month, day, year, hour, minute, second] = match.map(Number) as number[];
  const wallAsUtc = Date.UTC(year!, month! - 1, day!, hour!, minute!, second!);
  return Math.round((wallAsUtc - ms) / 60_000);
}
