import type { ZoomMeetingRequest } from '../domain/zoom-meeting.js';
import type { FallbackCode, SkipCode } from './reasons.js';

/**
 * What to do in Zoom for one Google event (`convertEvent`), and the JSON `zoomlink convert`
 * prints: one shape per strategy, so that whoever reads it (the planner) finds exactly what that
 * strategy has. Every time in it is an instant in the store's form, ISO 8601 UTC with
 * milliseconds (`2024-05-06T08:00:00.000Z`), so it crosses into the sync engine unchanged.
 */

export type FallbackStrategy = 'no_fixed_time' | 'per_occurrence';

export interface ConvertOptions {
  /** Most occurrences one Zoom series covers (1–50; Zoom allows 50). */
  cap: number;
  /** What a series Zoom cannot carry becomes. */
  fallback: FallbackStrategy;
  /** per_occurrence: meetings for occurrences starting within this many days of the window's start. */
  perOccurrenceHorizonDays: number;
  /**
   * Most extra Zoom occurrences a series may have, deleted one call each after it is made
   * (default `DEFAULT_MAX_EXTRA_OCCURRENCES`).
   */
  maxExtraOccurrences?: number;
  /** Steps of work the event's expansion may take (default `DEFAULT_WORK_BUDGET`). */
  workBudget?: number;
}

/** A series costs at most about this many calls more than one create (`recurrence.maxExtraOccurrences`). */
export const DEFAULT_MAX_EXTRA_OCCURRENCES = 40;

export interface ConversionWindow {
  /** Start of the first and of the last occurrence covered. */
  from: string;
  to: string;
  /** True when no Google occurrence follows the window (the series ends inside it). */
  complete: boolean;
}

/** An occurrence that has begun and is not over (its start and end). */
export interface RunningOccurrence {
  start: string;
  end: string;
}

/** One meeting of `per_occurrence`: the Google occurrence (its start) and the request for it. */
export interface OccurrenceRequest {
  occurrence: string;
  request: ZoomMeetingRequest;
}

/** A single event: one type-2 meeting. */
export interface SingleConversion {
  strategy: 'single';
  meeting: ZoomMeetingRequest;
  /** The one occurrence. */
  occurrences: string[];
  window: ConversionWindow;
}

/**
 * A type-8 series proven occurrence by occurrence: expanded under every reading of Zoom's
 * documents and minus `deleteOccurrences`, it is exactly `occurrences`.
 */
export interface SeriesConversion {
  strategy: 'series';
  meeting: ZoomMeetingRequest;
  /** For people: "weekly on Tuesday, 16 occurrences, 8 removed". */
  summary: string;
  /** The Google occurrences the series covers: the next ones, none skipped. */
  occurrences: string[];
  /** Zoom occurrences to delete after the series is made (Google does not have them). */
  deleteOccurrences: string[];
  window: ConversionWindow;
  /**
   * The occurrence that has begun but is not over at `now`, which the series does not cover —
   * Zoom would take its start, in the past, as "now". The planner waits for its end.
   */
  running?: RunningOccurrence;
}

/** One type-3 meeting that serves every occurrence, and why no series. */
export interface NoFixedTimeConversion {
  strategy: 'no_fixed_time';
  reason: string;
  reasonCode: FallbackCode;
  meeting: ZoomMeetingRequest;
  /** The next occurrences it serves; none when they cannot be known (the rule cannot be expanded). */
  occurrences: string[];
  window?: ConversionWindow;
}

/** One type-2 meeting per occurrence in a horizon, and why no series. */
export interface PerOccurrenceConversion {
  strategy: 'per_occurrence';
  reason: string;
  reasonCode: FallbackCode;
  meetings: OccurrenceRequest[];
  window: ConversionWindow;
}

/** No Zoom meeting, and why. */
export interface SkipConversion {
  strategy: 'skip';
  reason: string;
  reasonCode: SkipCode;
  /** A series whose last occurrence has begun: that occurrence. */
  running?: RunningOccurrence;
}

/** A conversion into one meeting of the booking's own. */
export type OneMeetingConversion = SingleConversion | SeriesConversion | NoFixedTimeConversion;
/** A conversion into Zoom meetings. */
export type MeetingConversion = OneMeetingConversion | PerOccurrenceConversion;
export type ConversionResult = MeetingConversion | SkipConversion;
export type Strategy = ConversionResult['strategy'];
