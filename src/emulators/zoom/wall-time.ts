import { DateTime, IANAZone } from 'luxon';

/**
 * Zoom's `start_time` (SPEC meetingCreate): `yyyy-MM-ddTHH:mm:ssZ` is UTC; without `Z` it is wall-
 * clock time in `timezone`. An explicit offset is read as an instant too. Responses always carry
 * UTC with `Z` and no milliseconds (facts §9).
 */
const START_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseStartTime(value: string, zone: string): DateTime | undefined {
  const match = START_TIME.exec(value);
  if (!match) return undefined;
  const parsed = match[7]
    ? DateTime.fromISO(value, { setZone: true }).setZone(zone)
    : DateTime.fromISO(value, { zone });
  if (!parsed.isValid) return undefined;
  // Zoom schedules to the second; drop milliseconds so occurrence ids stay whole seconds.
  return parsed.set({ millisecond: 0 });
}

export function isKnownTimezone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

export function formatUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The next 00:00 UTC after `now`: when the per-host daily limit resets (facts §6.2). */
export function nextUtcMidnight(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
}

export function utcDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
