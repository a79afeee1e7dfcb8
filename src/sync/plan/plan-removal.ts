import type { Action } from './actions.js';
import { hasMeeting, isLiveLink, type BookingState } from './booking-state.js';
import { writesPerRoom } from './write-targets.js';

/**
 * A booking is gone from the room `calendarId` (deleted there, the room taken off it, or the room
 * declined it: then its `copy` is `kept` on the room's calendar). When another watched room still
 * holds it (and the organizer has not cancelled it), only that room is dropped from the link;
 * otherwise its meeting(s) are deleted, our block is taken out of the copy we wrote (where it
 * still exists) and the link is marked deleted. Never a create.
 */
export function planRemoval(
  state: BookingState,
  calendarId: string,
  copy: 'gone' | 'kept' = 'gone',
): Action[] {
  const { link } = state;
  if (!link || link.state === 'deleted') return [];
  const gone = calendarId.toLowerCase();
  const others = state.cancelledByOrganizer
    ? []
    : link.rooms.filter(
        (room) => room.toLowerCase() !== gone && state.watched.has(room.toLowerCase()),
      );
  const held = link.rooms.some((room) => room.toLowerCase() === gone);
  if (others.length > 0) {
    if (!held) return [];
    // A room that declined keeps its copy: the block we wrote there (per room) goes.
    const unlink: Action[] =
      copy === 'kept' && isLiveLink(link) && writesPerRoom(link)
        ? [{ kind: 'removeBlock', calendarIds: [calendarId] }]
        : [];
    return [...unlink, { kind: 'dropRoom', calendarId }];
  }
  if (!isLiveLink(link)) return [{ kind: 'markDeleted' }];
  return [...removeMeetings(state), { kind: 'markDeleted' }];
}

/** Deletes every meeting of a link and takes our block out of the copy it was written to. */
export function removeMeetings(state: BookingState): Action[] {
  const { link } = state;
  if (!link) return [];
  const actions: Action[] = !hasMeeting(link, state.occurrenceMeetings)
    ? []
    : link.strategy === 'per_occurrence'
      ? state.occurrenceMeetings.map((m) => ({
          kind: 'deleteOccurrenceMeeting' as const,
          meetingId: m.zoomMeetingId,
          occurrenceStart: m.occurrenceStart,
        }))
      : [{ kind: 'deleteMeeting', meetingId: link.zoomMeetingId! }];
  if (link.writebackCalendarId) actions.push({ kind: 'removeBlock' });
  return actions;
}
