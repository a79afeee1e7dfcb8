import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Store } from '../../store/index.js';
import { meetingIdsNamedBy } from '../plan/block.js';

/**
 * Whether this database recorded making the Zoom meeting `meetingId` (a booking's meeting or a
 * meeting per occurrence; a link that only records someone else's meeting as foreign does not
 * count). A join URL of such a meeting in an event is ours even where our block no longer names
 * it: a series split off one of ours copies its location, and people delete blocks.
 */
export function madeHere(store: Store, meetingId: string | null): boolean {
  if (meetingId === null) return false;
  const id = Number(meetingId);
  const link = store.links.getByMeetingId(id);
  if (link && link.strategy !== 'foreign' && link.strategy !== 'skipped') return true;
  return store.occurrenceMeetings.getByMeetingId(id) !== undefined;
}

/**
 * The meetings of this database among those the event's Zoom links name (`ourMeetingIds`). A copy
 * of one of ours names one or two; an event naming more than `MAX_LOOKUPS` is looked up no further
 * (one store read each: a description of thousands of links must not cost thousands), and the
 * links not looked up count as someone else's.
 */
export function ourMeetingsNamedBy(store: Store, event: LiveEvent): Set<string> {
  const named = [...new Set(meetingIdsNamedBy(event))].slice(0, MAX_LOOKUPS);
  return new Set(named.filter((id) => madeHere(store, id)));
}

const MAX_LOOKUPS = 20;
