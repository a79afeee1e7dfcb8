import type { PassCounts, SkipReason } from '../plan/engine-types.js';

export function emptyCounts(): PassCounts {
  return {
    eventsSeen: 0,
    meetingsCreated: 0,
    meetingsUpdated: 0,
    meetingsDeleted: 0,
    occurrencesChanged: 0,
    linksWritten: 0,
    linksRemoved: 0,
    skipped: {},
    failed: 0,
    deferred: 0,
    observed: 0,
  };
}

export function countSkip(counts: PassCounts, reason: SkipReason): void {
  counts.skipped[reason] = (counts.skipped[reason] ?? 0) + 1;
}

/** Adds `from` into `into` (a pass's total of its rooms). */
export function addCounts(into: PassCounts, from: PassCounts): void {
  into.eventsSeen += from.eventsSeen;
  into.meetingsCreated += from.meetingsCreated;
  into.meetingsUpdated += from.meetingsUpdated;
  into.meetingsDeleted += from.meetingsDeleted;
  into.occurrencesChanged += from.occurrencesChanged;
  into.linksWritten += from.linksWritten;
  into.linksRemoved += from.linksRemoved;
  into.failed += from.failed;
  into.deferred += from.deferred;
  into.observed += from.observed;
  for (const [reason, n] of Object.entries(from.skipped) as [SkipReason, number][])
    into.skipped[reason] = (into.skipped[reason] ?? 0) + n;
}

/** Events skipped in all, whatever the reason. */
export function totalSkipped(counts: PassCounts): number {
  return Object.values(counts.skipped).reduce((sum, n) => sum + (n ?? 0), 0);
}
