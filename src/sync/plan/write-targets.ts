import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import type { CalendarPort, EventCopyRef } from '../../domain/ports.js';

/**
 * Which copies of a booking carry our block. The organizer's copy when we may write it (an
 * organizer in `google.domains`): a write there reaches every copy. Otherwise only a room's own
 * copy can be written (as the admin subject), and that write stays on that room's calendar — so
 * each watched room that holds the booking gets its own write, or people looking at the second
 * room's calendar would see no link (`CalendarPort.writeTarget` decides per room).
 */
export function writeTargets(
  calendar: Pick<CalendarPort, 'writeTarget'>,
  link: Pick<Link, 'eventId' | 'rooms'>,
  event: LiveEvent,
  eventId: string = link.eventId,
): EventCopyRef[] {
  const rooms = link.rooms.length > 0 ? link.rooms : [event.calendarId];
  const refs = rooms.map((room) => calendar.writeTarget({ ...event, calendarId: room, eventId }));
  const organizer = event.organizer.email.toLowerCase();
  const organizerCopy = refs.find((ref) => ref.calendarId.toLowerCase() === organizer);
  if (organizerCopy) return [organizerCopy];
  const seen = new Set<string>();
  return refs.filter((ref) => {
    const key = ref.calendarId.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Whether the block was written to each room's copy rather than to the organizer's. */
export function writesPerRoom(link: Pick<Link, 'writebackCalendarId' | 'organizerEmail'>): boolean {
  return (
    link.writebackCalendarId !== null &&
    link.writebackCalendarId.toLowerCase() !== link.organizerEmail.toLowerCase()
  );
}

/**
 * The copies our block was last written to, from what the link recorded: the organizer's copy,
 * or (written per room) the copy of every room that holds the booking.
 */
export function writtenCopies(link: Link, eventId: string = link.eventId): EventCopyRef[] {
  if (!link.writebackCalendarId || !link.writebackAs) return [];
  if (!writesPerRoom(link))
    return [{ calendarId: link.writebackCalendarId, eventId, actAs: link.writebackAs }];
  const rooms = link.rooms.length > 0 ? link.rooms : [link.writebackCalendarId];
  return rooms.map((calendarId) => ({ calendarId, eventId, actAs: link.writebackAs! }));
}
