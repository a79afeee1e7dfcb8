import { StoreError } from './store-error.js';

/**
 * Every time the store keeps is an ISO 8601 UTC string with milliseconds
 * (`2025-03-01T09:00:00.000Z`): readable in the sqlite3 shell and ordered the same as text and
 * as time, so `<`, `ORDER BY` and indexes work on them directly. Callers hand in a `Date` or an
 * ISO string with an explicit zone; a string without a zone would be read in the process's local
 * zone by `Date`, so it is refused rather than guessed.
 */
export type TimeInput = Date | string;

const zoned = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(:(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** `Date` rolls 2025-02-30 over into March; a time that names no real day is refused instead. */
function parseZoned(text: string): Date | undefined {
  const match = zoned.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 7].map((group) =>
    Number(match[group] ?? 0),
  ) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const valid =
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth && hour <= 23 && minute <= 59;
  return valid && second <= 59 ? new Date(text) : undefined;
}

export function toStoredTime(value: TimeInput, field: string): string {
  const date = typeof value === 'string' ? parseZoned(value) : value;
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new StoreError(
      'STORE_INVALID_TIME',
      `${field}: ${JSON.stringify(String(value))} is not a time the store accepts; ` +
        'pass a Date or an ISO 8601 string with a zone, e.g. 2025-03-01T09:00:00Z.',
    );
  }
  return date.toISOString();
}

export function toStoredTimeOrNull(value: TimeInput | null | undefined, field: string) {
  return value == null ? null : toStoredTime(value, field);
}
