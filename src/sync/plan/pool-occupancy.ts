import type { LiveEvent } from '../../domain/calendar-event.js';
import {
  EventInputError,
  expandParsedEvent,
  parseEvent,
  RecurrenceNotExpandable,
} from '../../recurrence/index.js';
import type { OccurrenceOverride } from '../../store/index.js';
import { isoInstant } from '../../util/instant.js';
import type { Interval } from './host-pool.js';

/** How far ahead a pool host's bookings are weighed against each other (a year and a bit). */
export const POOL_HORIZON_DAYS = 400;

/** Most occurrences of one booking weighed (a daily series over the horizon fits). */
const MAX_OCCURRENCES = 1000;

const DAY_MS = 86_400_000;

/**
 * The window a pool decision looks at: from the start of today (UTC), so that every booking's
 * occurrences are expanded once a day at most, for `POOL_HORIZON_DAYS`.
 */
export function poolWindow(now: Date): { from: Date; to: Date } {
  const from = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  return { from, to: new Date(from.getTime() + POOL_HORIZON_DAYS * DAY_MS) };
}

/**
 * When a booking holds its host: every occurrence Google expands in `window` (ending after its
 * start), with its recorded exceptions applied — a cancelled instance frees its time, a moved one
 * holds its new time and length (also when it moved into the window from outside). An all-day
 * event holds nothing; an event that cannot be read holds nothing; a series that cannot be
 * expanded holds its first occurrence only (the planner gives it one meeting with no fixed time).
 * Pure; sorted by start.
 */
export function occupancyOf(
  event: LiveEvent,
  overrides: readonly OccurrenceOverride[],
  window: { from: Date; to: Date },
): Interval[] {
  if (event.allDay) return [];
  let parsed;
  try {
    parsed = parseEvent(event.resource);
  } catch (error) {
    if (error instanceof EventInputError) return [];
    throw error;
  }
  const byStart = new Map(overrides.map((o) => [isoInstant(o.originalStart), o]));
  const out: Interval[] = [];
  const keep = (start: number, end: number) => {
    if (end > window.from.getTime() && start < window.to.getTime() && end > start)
      out.push({ start, end });
  };
  if (parsed.recurrence === null) {
    keep(parsed.startInstantMs, parsed.startInstantMs + parsed.durationMs);
    return out;
  }
  let occurrences;
  try {
    occurrences = expandParsedEvent(parsed, {
      from: window.from,
      to: window.to,
      limit: MAX_OCCURRENCES,
    });
  } catch (error) {
    if (!(error instanceof RecurrenceNotExpandable)) throw error;
    keep(parsed.startInstantMs, parsed.startInstantMs + parsed.durationMs);
    return out;
  }
  const seen = new Set<string>();
  for (const occurrence of occurrences) {
    const key = occurrence.start.toISOString();
    seen.add(key);
    const override = byStart.get(key);
    if (override) pushOverride(override, keep);
    else keep(occurrence.start.getTime(), occurrence.end.getTime());
  }
  // An instance moved into the window from an original start outside it.
  for (const [key, override] of byStart) {
    const original = Date.parse(key);
    const outside = original < window.from.getTime() || original >= window.to.getTime();
    if (outside && !seen.has(key)) pushOverride(override, keep);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

function pushOverride(
  override: OccurrenceOverride,
  keep: (start: number, end: number) => void,
): void {
  if (override.kind !== 'moved' || override.newStart === null) return;
  const start = Date.parse(override.newStart);
  const minutes = override.newDurationMinutes ?? 0;
  if (Number.isFinite(start)) keep(start, start + minutes * 60_000);
}
