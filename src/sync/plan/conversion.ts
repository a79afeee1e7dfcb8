import type { LiveEvent } from '../../domain/calendar-event.js';
import {
  convertEvent,
  type ConversionResult,
  type MeetingConversion,
  type OneMeetingConversion,
} from '../../recurrence/index.js';
import type { Link, OccurrenceOverride } from '../../store/index.js';
import { isoInstant } from '../../util/instant.js';
import type { MeetingPlan } from './actions.js';
import { isLiveException, type PlanConfig } from './booking-state.js';

/**
 * What the planner reads off a booking's conversion (`src/recurrence`): the conversion itself with
 * the configured cap, fallback and extras, the meeting it asks for, the occurrences the Zoom series
 * covers and deletes, and whether a window has to move forward. The conversion's times are
 * already the store's form (ISO UTC with milliseconds) and are compared as they are.
 */

/** The conversion of an event at `now` with the configured cap and fallback. */
export function convert(event: LiveEvent, now: Date, config: PlanConfig): ConversionResult {
  return convertEvent(event.resource, now, {
    cap: config.recurrence.cap,
    fallback: config.recurrence.fallback,
    perOccurrenceHorizonDays: config.recurrence.perOccurrenceHorizonDays,
    maxExtraOccurrences: config.recurrence.maxExtraOccurrences,
  });
}

export function meetingPlanOf(
  conversion: OneMeetingConversion,
  host: string,
  zoomHash: string,
): MeetingPlan {
  return {
    host,
    request: conversion.meeting,
    strategy: conversion.strategy,
    zoomHash,
    window: conversion.strategy === 'no_fixed_time' ? null : windowOf(conversion),
    // What the link says of its meeting: a series' summary ("weekly on Tuesday, 16
    // occurrences, 8 removed"), a fallback's reason.
    reason:
      conversion.strategy === 'series'
        ? conversion.summary
        : conversion.strategy === 'no_fixed_time'
          ? conversion.reason
          : null,
  };
}

export function windowOf(conversion: MeetingConversion): { from: string; to: string } | null {
  return conversion.window ? { from: conversion.window.from, to: conversion.window.to } : null;
}

/** Zoom occurrences to delete after a create or a series edit. */
export function extrasOf(conversion: MeetingConversion): string[] {
  return conversion.strategy === 'series' ? conversion.deleteOccurrences : [];
}

/**
 * The Google occurrences the series meeting covers: the conversion's, up to the link's window end.
 * The conversion starts at the first occurrence not begun; `begunButMoved` adds occurrences that
 * had begun by now but that an exception moved ahead, which a meeting made before they began
 * still holds (`movedAheadInWindow`).
 */
export function coveredBy(
  conversion: ConversionResult,
  windowTo: string | null,
  begunButMoved: readonly string[] = [],
): Set<string> {
  if (conversion.strategy !== 'series') return new Set();
  const to = windowTo === null ? Infinity : Date.parse(windowTo);
  return new Set([...begunButMoved, ...conversion.occurrences.filter((o) => Date.parse(o) <= to)]);
}

/**
 * Occurrences of a linked series whose original time has begun but that an exception moved ahead
 * (still to come), within the meeting's window: Zoom holds them (the series was made before they
 * began), so the move is applied to them (soak seed 130000).
 */
export function movedAheadInWindow(
  overrides: readonly OccurrenceOverride[],
  link: Pick<Link, 'windowFrom' | 'windowTo'>,
  now: Date,
): string[] {
  if (link.windowFrom === null) return [];
  const from = Date.parse(link.windowFrom);
  const to = link.windowTo === null ? Infinity : Date.parse(link.windowTo);
  return overrides
    .filter((o) => isLiveException(o, now))
    .map((o) => isoInstant(o.originalStart))
    .filter((start) => {
      const ms = Date.parse(start);
      return ms >= from && ms <= to && ms <= now.getTime();
    });
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
  if (link.windowTo === null) return false;
  const end = Date.parse(link.windowTo);
  if (Date.parse(conversion.window.to) <= end) return false;
  const ahead = conversion.occurrences.filter((o) => Date.parse(o) <= end).length;
  return ahead < config.recurrence.windowRenewBelow;
}
