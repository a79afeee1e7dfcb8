/**
 * Wall-clock time in one IANA zone over a few days, for drawing bookings on a time axis: the
 * zone's offset is read for each hour of the span (through Intl once a day, and hour by hour on a
 * day the offset changes), and every instant is placed by that table instead of by a call per
 * instant (thousands of blocks on a large page).
 * Offsets change on the hour in every zone that matters here; a block in the hour of a change may
 * be drawn up to that hour off, never lost.
 */
export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

const partFormats = new Map<string, Intl.DateTimeFormat>();

function partsIn(zone: string): Intl.DateTimeFormat {
  let format = partFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    partFormats.set(zone, format);
  }
  return format;
}

/** Local time minus UTC at `ms`, in ms (3 600 000 for Berlin in winter). */
export function offsetAt(zone: string, ms: number): number {
  const part: Record<string, number> = {};
  for (const { type, value } of partsIn(zone).formatToParts(new Date(ms)))
    if (type !== 'literal') part[type] = Number(value);
  const local = Date.UTC(
    part.year!,
    part.month! - 1,
    part.day!,
    part.hour!,
    part.minute!,
    part.second!,
  );
  return local - Math.floor(ms / 1000) * 1000;
}

/** Whether `zone` is an IANA zone this runtime knows. */
export function isKnownZone(zone: string): boolean {
  try {
    partsIn(zone);
    return true;
  } catch {
    return false;
  }
}

export interface ZoneClock {
  readonly zone: string;
  /** The instant local midnight of `now`'s day begins. */
  readonly dayStart: number;
  /** Wall-clock milliseconds ("floating": UTC fields read as local) of an instant. */
  local(ms: number): number;
  /** The instant of a wall-clock time (the later reading in a DST overlap). */
  instant(localMs: number): number;
}

/** A clock for `zone` from the start of `now`'s local day through `days` days. */
export function zoneClock(zone: string, now: Date, days: number): ZoneClock {
  const todayLocal = Math.floor((now.getTime() + offsetAt(zone, now.getTime())) / DAY_MS) * DAY_MS;
  const first = todayLocal - offsetAt(zone, todayLocal) - DAY_MS;
  const hours = (days + 2) * 24 + 1;
  // Read at each day's start; only a day whose offset changes is read hour by hour.
  const offsets: number[] = [];
  for (let day = 0; day * 24 <= hours; day += 1) {
    const at = first + day * DAY_MS;
    const [start, next] = [offsetAt(zone, at), offsetAt(zone, at + DAY_MS)];
    for (let h = 0; h < 24; h += 1)
      offsets.push(start === next ? start : offsetAt(zone, at + h * HOUR_MS));
  }
  const offsetOf = (ms: number) => {
    const index = Math.floor((ms - first) / HOUR_MS);
    if (index < 0 || index > hours) return offsetAt(zone, ms);
    return offsets[index]!;
  };
  const instant = (localMs: number) => {
    const guess = localMs - offsetOf(localMs - offsetOf(localMs));
    return localMs - offsetOf(guess);
  };
  return {
    zone,
    dayStart: instant(todayLocal),
    local: (ms) => ms + offsetOf(ms),
    instant,
  };
}
