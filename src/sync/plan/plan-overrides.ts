import type { LiveEvent } from '../../domain/calendar-event.js';
import { zoomStart } from '../../recurrence/index.js';
import type { OccurrenceOverride } from '../../store/index.js';
import type { Action, OverrideChange } from './actions.js';
import { isoFromMs, isoInstant } from '../../util/instant.js';
import { overrideHashOf } from './hashes.js';

/** Minutes between an event's start and end (rounded up, as the converter does). */
export function durationMinutesOf(event: LiveEvent): number {
  const start = Date.parse(event.start.dateTime ?? '');
  const end = Date.parse(event.end.dateTime ?? '');
  return Number.isFinite(start) && Number.isFinite(end) ? Math.ceil((end - start) / 60_000) : 0;
}

/**
 * An occurrence moved to `start` for `durationMinutes`. Its `start_time` is wall-clock time in the
 * meeting's zone (a single-occurrence PATCH takes no `timezone`, so Zoom reads it in the meeting's
 * zone) — unless that clock time happens twice there; then the instant in UTC with `Z`, which
 * Zoom reads as an instant whatever the zone.
 */
export function movedTo(start: string, durationMinutes: number, master: LiveEvent): OverrideChange {
  const zone = master.start.timeZone ?? 'UTC';
  const instantMs = Date.parse(start);
  const local = zoomStart(instantMs, zone);
  const zoom =
    local.timezone === zone
      ? local
      : {
          start_time: isoFromMs(instantMs).replace(/\.\d{3}Z$/, 'Z'),
          timezone: 'UTC',
        };
  return { kind: 'moved', start: isoInstant(start), durationMinutes, zoomStart: zoom };
}

/**
 * What Zoom should show for an instance: deleted, or moved. An exception at its rule time and
 * length is `null`: the occurrence as the series makes it (a title-only edit has no Zoom side).
 */
export function overrideChangeOf(
  override: Pick<OccurrenceOverride, 'kind' | 'originalStart' | 'newStart' | 'newDurationMinutes'>,
  master: LiveEvent,
): OverrideChange | null {
  if (override.kind === 'deleted') return { kind: 'deleted' };
  const start = override.newStart ?? override.originalStart;
  const durationMinutes = override.newDurationMinutes ?? durationMinutesOf(master);
  const atRule =
    isoInstant(start) === isoInstant(override.originalStart) &&
    durationMinutes === durationMinutesOf(master);
  return atRule ? null : movedTo(start, durationMinutes, master);
}

/**
 * The occurrence calls that bring a series' Zoom occurrences in line with Google's exceptions:
 * one per exception among the covered occurrences whose applied state differs. An applied hash of
 * `null` means Zoom has the occurrence as the rule makes it (never touched, or reset by a series
 * edit; `reset` says the series was just created or re-expanded, so nothing is applied).
 */
export function planOverrides(
  overrides: readonly OccurrenceOverride[],
  covered: ReadonlySet<string>,
  master: LiveEvent,
  options: { reset: boolean; alreadyDeleted?: ReadonlySet<string> },
): Action[] {
  const actions: Action[] = [];
  for (const override of overrides) {
    const originalStart = isoInstant(override.originalStart);
    if (!covered.has(originalStart)) continue;
    if (override.kind === 'deleted' && options.alreadyDeleted?.has(originalStart)) continue;
    const applied = options.reset ? null : override.appliedHash;
    const change = overrideChangeOf(override, master);
    if (change === null) {
      // Back at its rule time in Google: only a Zoom occurrence moved earlier needs moving back.
      if (applied === null) continue;
      const back = movedTo(originalStart, durationMinutesOf(master), master);
      actions.push({ kind: 'applyOverride', originalStart, change: back, hash: null });
      continue;
    }
    const hash = overrideHashOf(change);
    if (applied === hash) continue;
    actions.push({ kind: 'applyOverride', originalStart, change, hash });
  }
  return actions;
}
