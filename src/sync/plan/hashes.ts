import { createHash } from 'node:crypto';
import type { LiveEvent } from '../../domain/calendar-event.js';
import { topicOf } from '../../recurrence/index.js';

/**
 * Content hashes that decide whether a remote call is needed (DESIGN decision 5: no loops).
 * Each covers exactly what the remote side shows, so our own write-back, a moved sync token or
 * time passing never changes one.
 */

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** An RFC 3339 time as the instant it names (copies of one event carry different offsets). */
function instant(text: string | undefined): string {
  if (text === undefined) return '';
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/**
 * What matters to Zoom about a booking: the title as Zoom takes it, start and end instants, the
 * zone the series is expanded in, the recurrence lines, and the strategy chosen for it. Not the
 * description, location, attendees or properties (our write-back changes those), and not `now`.
 */
export function zoomHashOf(event: LiveEvent, strategy: string): string {
  return digest([
    1,
    strategy,
    topicOf(event.summary),
    instant(event.start.dateTime) || (event.start.date ?? ''),
    instant(event.end.dateTime) || (event.end.date ?? ''),
    event.start.timeZone ?? '',
    [...event.recurrence].sort(),
  ]);
}

/** What one Zoom occurrence (or occurrence meeting) was made to be: deleted, or moved to a time. */
export function overrideHashOf(
  change: { kind: 'deleted' } | { kind: 'moved'; start: string; durationMinutes: number },
): string {
  return change.kind === 'deleted'
    ? digest([1, 'deleted'])
    : digest([1, 'moved', instant(change.start), change.durationMinutes]);
}

/** The hash of a meeting request as sent (per-occurrence meetings). */
export function requestHashOf(request: object): string {
  return digest([1, request]);
}

/** The block of text we write into an event, compared by content. */
export function blockHashOf(block: string): string {
  return digest([1, block.replace(/\r\n/g, '\n').trim()]);
}

/**
 * An override's applied state when Zoom is known to show the occurrence otherwise than any state
 * we applied (reconcile found it edited behind our back): it is applied again, or moved back.
 */
export const zoomDrifted = 'drifted';
