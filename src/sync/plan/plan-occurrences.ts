import type { LiveEvent } from '../../domain/calendar-event.js';
import type { PerOccurrenceConversion } from '../../recurrence/index.js';
import type { OccurrenceMeeting, OccurrenceOverride } from '../../store/index.js';
import type { Action, OccurrenceMeetingPlan } from './actions.js';
import { requestHashOf } from './hashes.js';
import { overrideChangeOf } from './plan-overrides.js';

/**
 * The meetings a `per_occurrence` booking should have now: one per occurrence the conversion
 * covers, without the cancelled instances, at the moved time for moved ones.
 */
export function desiredOccurrenceMeetings(
  conversion: PerOccurrenceConversion,
  overrides: readonly OccurrenceOverride[],
  master: LiveEvent,
): OccurrenceMeetingPlan[] {
  const byStart = new Map(overrides.map((o) => [o.originalStart, o]));
  const plans: OccurrenceMeetingPlan[] = [];
  for (const { occurrence, request: base } of conversion.meetings) {
    const override = byStart.get(occurrence);
    const change = override ? overrideChangeOf(override, master) : null;
    if (change?.kind === 'deleted') continue;
    const request =
      change?.kind === 'moved'
        ? { ...base, ...change.zoomStart, duration: change.durationMinutes }
        : base;
    plans.push({ occurrenceStart: occurrence, request, zoomHash: requestHashOf(request) });
  }
  return plans;
}

/**
 * Creates the meetings that are missing, updates those that differ, and deletes those of
 * occurrences that are no longer wanted and not over yet (a finished one is history; Zoom lets it
 * expire). Occurrences that are over are never recreated: the conversion covers only what is ahead.
 */
export function planOccurrenceMeetings(
  desired: readonly OccurrenceMeetingPlan[],
  existing: readonly OccurrenceMeeting[],
  host: string,
  now: Date,
): Action[] {
  const have = new Map(existing.map((m) => [m.occurrenceStart, m]));
  const wanted = new Set(desired.map((d) => d.occurrenceStart));
  const actions: Action[] = [];
  for (const meeting of desired) {
    const current = have.get(meeting.occurrenceStart);
    if (!current) actions.push({ kind: 'createOccurrenceMeeting', host, meeting });
    else if (current.zoomHash !== meeting.zoomHash)
      actions.push({ kind: 'updateOccurrenceMeeting', meetingId: current.zoomMeetingId, meeting });
  }
  for (const [start, meeting] of have) {
    if (wanted.has(start)) continue;
    const endMs = Date.parse(start) + meeting.durationMinutes * 60_000;
    if (endMs <= now.getTime()) continue;
    actions.push({
      kind: 'deleteOccurrenceMeeting',
      meetingId: meeting.zoomMeetingId,
      occurrenceStart: meeting.occurrenceStart,
    });
  }
  return actions;
}
