import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import { bookingRooms } from './booking-rooms.js';
import { isLiveLink, type BookingState, type PlanConfig } from './booking-state.js';
import { requestScopeOf, type RequestScope } from './meeting-request.js';
import { roomSettings, type RoomSettings } from './room-settings.js';

/**
 * Which room's settings a booking takes, and what its meeting request carries: its host room —
 * the first of its watched rooms by calendar id, the same rule that picks its Zoom host — or,
 * when no watched room holds it any more, the first room its link recorded, else the copy's room.
 */
export interface BookingScope {
  roomId: string;
  room: RoomSettings;
  /** The Zoom host its meeting has (a live link's) or would have; undefined when no room holds it. */
  host: string | undefined;
  request: RequestScope;
}

export function bookingScope(
  event: LiveEvent,
  state: Pick<BookingState, 'link' | 'watched' | 'organizer'>,
  now: Date,
  config: PlanConfig,
): BookingScope {
  const first = bookingRooms(event, state.watched)[0];
  const roomId = first?.calendarId ?? state.link?.rooms[0] ?? event.calendarId;
  const room = roomSettings(config, roomId);
  const linkHost = isLiveLink(state.link) ? (state.link?.zoomHost ?? undefined) : undefined;
  const host = linkHost ?? first?.zoomHost;
  const request = requestScopeOf(event, room, host ?? '', state.organizer, now, config);
  return { roomId, room, host, request };
}

/**
 * The room whose mode decides whether a plan for this event is carried out (`observe` or
 * `active`): the booking's host room as `bookingScope` finds it; for a deletion or an instance,
 * the first room of its link (its series' host room), else the copy's own room.
 */
export function decidingRoomOf(
  event: CalendarEvent,
  state: Pick<BookingState, 'link' | 'watched' | 'master'>,
): string {
  const live = event.kind === 'single' || event.kind === 'master' ? event : state.master;
  const first = live ? bookingRooms(live, state.watched)[0]?.calendarId : undefined;
  return first ?? state.link?.rooms[0] ?? event.calendarId;
}
