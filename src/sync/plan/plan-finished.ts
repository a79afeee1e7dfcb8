import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import type { Action } from './actions.js';
import { hasMeeting, type BookingState } from './booking-state.js';
import { zoomHashOf } from './hashes.js';
import type { RequestScope } from './meeting-request.js';
import { planOccurrenceMeetings } from './plan-occurrences.js';

/**
 * A finished booking's link stops waiting: linked as history, or skipped when it never got a
 * meeting. One that a change made finished (cut short by a split, moved into the past) may leave
 * its meeting holding occurrences Google no longer has: what is ahead of now is cleared first.
 */
export function settleFinished(
  event: LiveEvent,
  state: BookingState,
  link: Link,
  request: RequestScope,
  rooms: string[],
  detail: string,
  now: Date,
): Action[] {
  if (!hasMeeting(link, state.occurrenceMeetings)) {
    if (link.state === 'linked') return [];
    return [
      { kind: 'recordIgnored', strategy: 'skipped', reason: detail, code: 'finished', rooms },
    ];
  }
  const zoomHash = zoomHashOf(event, link.strategy, request);
  const meetingId = link.zoomMeetingId;
  const cut: Action[] =
    link.zoomHash === zoomHash
      ? []
      : link.strategy === 'per_occurrence'
        ? planOccurrenceMeetings([], state.occurrenceMeetings, link.zoomHost ?? '', now)
        : meetingId === null
          ? []
          : [{ kind: 'clearAhead', meetingId, zoomHash }];
  return cut.length > 0 || link.state !== 'linked' ? [...cut, { kind: 'markLinked' }] : [];
}
