/**
 * The recurrence engine (pure): Google's expansion of an event, its conversion to Zoom proven
 * occurrence by occurrence, our own Zoom expander, and descriptions for people.
 */
export { convertEvent, SERIES_START_MARGIN_MS, topicOf, zoomStart } from './convert.js';
export { DEFAULT_MAX_EXTRA_OCCURRENCES } from './conversion-result.js';
export type {
  ConversionResult,
  ConversionWindow,
  ConvertOptions,
  FallbackStrategy,
  MeetingConversion,
  NoFixedTimeConversion,
  OccurrenceRequest,
  OneMeetingConversion,
  PerOccurrenceConversion,
  RunningOccurrence,
  SeriesConversion,
  SingleConversion,
  SkipConversion,
  Strategy,
} from './conversion-result.js';
export {
  expandGoogleSeries,
  expandParsedEvent,
  RecurrenceNotExpandable,
  RecurrenceTooComplex,
  MAX_SCANNED_INSTANCES,
} from './expand-google.js';
export { WorkBudget, DEFAULT_WORK_BUDGET } from './work-budget.js';
export type { ExpandBounds, GoogleOccurrence } from './expand-google.js';
export {
  expandZoomSeries,
  zoomWallClockStarts,
  ZoomSeriesInvalid,
  ZOOM_MAX_INTERVAL,
  ZOOM_MAX_OCCURRENCES,
} from './expand-zoom.js';
export type { ExpandZoomOptions } from './expand-zoom.js';
export { ZOOM_READINGS, LIKELY_ZOOM_READING } from './zoom-reading.js';
export type { ZoomReading } from './zoom-reading.js';
export { zoomOccurrenceId } from './zoom-occurrence-id.js';
export { parseEvent } from './parse-event.js';
export type { ParsedEvent } from './parse-event.js';
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
export { LANGS } from './lang.js';
export type { Lang } from './lang.js';
