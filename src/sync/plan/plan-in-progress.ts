import { isoFromMs } from '../../util/instant.js';
import type { LiveEvent } from '../../domain/calendar-event.js';
import type { ConversionResult } from '../../recurrence/index.js';
import type { Link, OccurrenceOverride } from '../../store/index.js';
import type { Action } from './actions.js';
import { durationMinutesOf } from './plan-overrides.js';

/**
 * A series is not patched while one of its occurrences is in progress. The conversion anchors the
 * series on the first occurrence not yet over, so during that occurrence the PATCH would carry a
 * `start_time` in the past, which Zoom ignores ("must be in the future"; it then re-expands the new
 * recurrence from the old start: Zoom's OpenAPI spec, `meetingUpdate`); and a meeting someone has
 * started refuses updates (400/3000 "cannot update or delete meetings that have started"). Nothing
 * is lost by waiting: the update is planned again from the stored event once the occurrence is
 * over.
 *
 * Returns the `waitUntil` to plan instead of the update — also when the running occurrence is the
 * series' last: once it is over the booking is finished, keeps its meeting as history, and loses
 * only what the change removed ahead of it — or undefined when nothing is in progress and the
 * update may go ahead.
 */
export function waitForRunningOccurrence(
  link: Link,
  conversion: ConversionResult,
  overrides: readonly OccurrenceOverride[],
  master: LiveEvent,
  now: Date,
): Action[] | undefined {
  if (link.strategy !== 'series' && conversion.strategy !== 'series') return undefined;
  const nowMs = now.getTime();
  const ruleMinutes = durationMinutesOf(master);
  const running: number[] = [];
  // A series' conversion names the rule's occurrence in progress (its window starts after it);
  // a fallback's window starts at it.
  if (conversion.strategy === 'series' || conversion.strategy === 'skip') {
    if (conversion.running) running.push(Date.parse(conversion.running.end));
  } else {
    const anchor = conversion.window?.from;
    if (anchor !== undefined && Date.parse(anchor) <= nowMs)
      running.push(Date.parse(anchor) + ruleMinutes * 60_000);
  }
  for (const override of overrides) {
    if (override.kind !== 'moved' || override.newStart === null) continue;
    const start = Date.parse(override.newStart);
    const end = start + (override.newDurationMinutes ?? ruleMinutes) * 60_000;
    if (start <= nowMs && nowMs < end) running.push(end);
  }
  if (running.length === 0) return undefined;
  const until = Math.max(...running);
  const at = isoFromMs(until);
  return [
    {
      kind: 'waitUntil',
      until: at,
      reason: `an occurrence is in progress until ${at}; the Zoom series is updated after it`,
    },
  ];
}
