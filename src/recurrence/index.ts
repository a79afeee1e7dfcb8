/**
 * The recurrence engine (pure): Google's expansion of an event, its conversion to Zoom proven
 * occurrence by occurrence, our own Zoom expander, and descriptions for people.
 */
export { convertEvent, SERIES_START_MARGIN_MS, topicOf, zoomStart } from './convert.js';
export {
  DEFAULT_MAX_EXTRA_OCCURRENCES,
  type ConversionResult,
  type ConversionWindow,
  type ConvertOptions,
  type FallbackStrategy,
  type MeetingConversion,
  type NoFixedTimeConversion,
  type OccurrenceRequest,
  type OneMeetingConversion,
  type PerOccurrenceConversion,
  type RunningOccurrence,
  type SeriesConversion,
  type SingleConversion,
  type SkipConversion,
  type Strategy,
} from './conversion-result.js';
export {
  expandGoogleSeries,
  expandParsedEvent,
  RecurrenceNotExpandable,
  RecurrenceTooComplex,
  MAX_SCANNED_INSTANCES,
  type ExpandBounds,
  type GoogleOccurrence,
} from './expand-google.js';
export { WorkBudget, DEFAULT_WORK_BUDGET } from './work-budget.js';
export {
  expandZoomSeries,
  zoomWallClockStarts,
  ZoomSeriesInvalid,
  ZOOM_MAX_INTERVAL,
  ZOOM_MAX_OCCURRENCES,
  type ExpandZoomOptions,
} from './expand-zoom.js';
export { ZOOM_READINGS, LIKELY_ZOOM_READING, type ZoomReading } from './zoom-reading.js';
export { zoomOccurrenceId } from './zoom-occurrence-id.js';
export { parseEvent, type ParsedEvent } from './parse-event.js';
export { EventInputError } from './event-input-error.js';
export type { ReasonCode, SkipCode, FallbackCode } from './reasons.js';
export {
  describeRecurrence,
  describeSeries,
  formatDate,
  formatDateTime,
  formatMeetingTime,
} from './describe.js';
export { describeConversion } from './describe-conversion.js';
export { seriesSummary, describePattern } from './series-summary.js';
export { zoneLabel } from './zone-labels.js';
export { LANGS, type Lang } from './lang.js';
