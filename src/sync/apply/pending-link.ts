import type { LiveEvent } from '../../domain/calendar-event.js';
import type { LinkInput } from '../../store/index.js';
import { spanOf } from '../plan/booking-span.js';

/** A booking's first stored form, saved before any remote call: pending, with what was seen. */
export function pendingLink(bookingId: string, event: LiveEvent): LinkInput {
  return {
    eventId: bookingId,
    icalUid: event.iCalUID,
    organizerEmail: event.organizer.email,
    strategy: 'single',
    state: 'pending',
    eventSnapshot: event,
    ...spanOf(event),
  };
}
