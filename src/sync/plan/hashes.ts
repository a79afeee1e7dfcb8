import { createHash } from 'node:crypto';
import type { LiveEvent } from '../../domain/calendar-event.js';
import { topicOf } from '../../recurrence/index.js';
import { isoInstantOrText } from '../../util/instant.js';
import type { RequestScope } from './meeting-request.js';
import { canonicalJson } from './room-settings.js';

/**
 * Content hashes that decide whether a remote call is needed (architecture decision 5: no loops).
 * Each covers exactly what the remote side shows, so our own write-back, a moved sync token or
 * time passing never changes one.
 */

function digest(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);
}

/** An RFC 3339 time as the instant it names (copies of one event carry different offsets). */
function instant(text: string | undefined): string {
  if (text === undefined) return '';
  return isoInstantOrText(text);
}

/**
 * What matters to Zoom about a booking: the topic as Zoom takes it (the title, or a private
 * booking's stand-in), start and end instants, the zone the series is expanded in, the recurrence
 * lines, the strategy chosen for it, and the meeting settings sent (the room's, the alternative
 * host). Not the description, location, attendees or properties (our write-back changes those),
 * and not `now`. Without settings the hash is what it was before settings were sent, so an
 * installation that sends none sees no update when it upgrades.
 */
export function zoomHashOf(
  event: LiveEvent,
  strategy: string,
  scope: Pick<RequestScope, 'topic' | 'settings'> = { settings: {} },
): string {
  const settings = Object.keys(scope.settings).length > 0 ? [canonicalJson(scope.settings)] : [];
  return digest([
    1,
    strategy,
    scope.topic ?? topicOf(event.summary),
    instant(event.start.dateTime) || (event.start.date ?? ''),
    instant(event.end.dateTime) || (event.end.date ?? ''),
    event.start.timeZone ?? '',
    [...event.recurrence].sort(),
    ...settings,
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
