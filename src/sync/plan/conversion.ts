import type { LiveEvent } from '../../domain/calendar-event.js';
import { convertEvent, type ConversionResult } from '../../recurrence/index.js';
import type { Link } from '../../store/index.js';
import type { MeetingPlan } from './actions.js';
import { isoInstant, type PlanConfig } from './booking-state.js';

/**
 * What the planner reads off a booking's conversion (`src/recurrence`): the conversion itself with
 * the configured cap and fallback, the meeting it asks for, the occurrences the Zoom series covers
 * and deletes, and whether a window has to move forward.
 */

/** The conversion of an event at `now` with the configured cap and fallback. */
export function convert(event: LiveEvent, now: Date, config: PlanConfig): ConversionResult {
  return convertEvent(event.resource, now, {
    cap: config.recurrence.cap,
    fallback: config.recurrence.fallback,
    perOccurrenceHorizonDays: config.recurrence.perOccurrenceHorizonDays,
  });
}

export function meetingPlanOf(
  conversion: ConversionResult,
  host: string,
  zoomHash: string,
): MeetingPlan {
  const strategy = conversion.strategy as MeetingPlan['strategy'];
  return {
    host,
    request: conversion.meeting!,
    strategy,
    zoomHash,
    window: strategy === 'no_fixed_time' ? null : windowOf(conversion),
    reason: conversion.reason ?? null,
  };
}

export function windowOf(conversion: ConversionResult): { from: string; to: string } | null {
  return conversion.window
    ? { from: isoInstant(conversion.window.from), to: isoInstant(conversion.window.to) }
    : null;
}

/** Zoom occurrences to delete after a create or a series edit (ISO UTC). */
export function extrasOf(conversion: ConversionResult): string[] {
  return conversion.strategy === 'series' ? conversion.deleteOccurrences.map(isoInstant) : [];
}

/** The Google occurrences the series meeting covers: the conversion's, up to the link's window end. */
export function coveredBy(conversion: ConversionResult, windowTo: string | null): Set<string> {
  if (conversion.strategy !== 'series') return new Set();
  const to = windowTo === null ? Infinity : Date.parse(windowTo);
  return new Set(
    conversion.occurrences.filter((o) => Date.parse(o) <= to).map((o) => isoInstant(o)),
  );
}

/**
 * A windowed series is moved forward when fewer than `recurrence.windowRenewBelow` of the
 * occurrences it covers are still ahead and Google has more beyond its window.
 */
export function needsWindowMove(
  link: Link,
  conversion: ConversionResult,
  config: PlanConfig,
): boolean {
  if (link.strategy !== 'series' || conversion.strategy !== 'series') return false;
  if (link.windowTo === null || !conversion.window) return false;
  const end = Date.parse(link.windowTo);
  if (Date.parse(conversion.window.to) <= end) return false;
  const ahead = conversion.occurrences.filter((o) => Date.parse(o) <= end).length;
  return ahead < config.recurrence.windowRenewBelow;
}
