import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Room } from '../../domain/ports.js';

/** The watched rooms, by calendar id compared case-insensitively. */
export type WatchedRooms = ReadonlyMap<string, Room>;

export function watchedRooms(rooms: readonly Room[]): WatchedRooms {
  return new Map(rooms.map((room) => [room.calendarId.toLowerCase(), room]));
}

/**
 * The watched rooms that hold a booking: those on its attendee list that have not declined it,
 * plus the room whose copy was read (a booking made on the room's own calendar may not list the
 * room), sorted by calendar id. Every room's copy of the event gives the same answer, so whichever
 * room's poll sees the booking first picks the same rooms and the same host.
 */
export function bookingRooms(event: LiveEvent, watched: WatchedRooms): Room[] {
  const held = new Map<string, Room>();
  for (const attendee of event.rooms) {
    if (attendee.responseStatus === 'declined') continue;
    const room = watched.get(attendee.email.toLowerCase());
    if (room) held.set(room.calendarId.toLowerCase(), room);
  }
  const own = watched.get(event.calendarId.toLowerCase());
  if (own && event.roomResponse !== 'declined') held.set(own.calendarId.toLowerCase(), own);
  return [...held.values()].sort((a, b) => compareIds(a.calendarId, b.calendarId));
}

function compareIds(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

/** The Zoom host of a booking: the host of the first of its rooms by calendar id (stable rule). */
export function hostOf(rooms: readonly Room[]): string | undefined {
  return rooms[0]?.zoomHost;
}
