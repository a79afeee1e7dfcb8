import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { EventPlan } from './actions.js';
import type { BookingState, PlanConfig } from './booking-state.js';
import { planBooking } from './plan-booking.js';
import { planInstance } from './plan-instance.js';
import { planRemoval } from './plan-removal.js';

/**
 * Decides what one event, as one room's copy shows it, asks of Zoom and Google: pure, given what
 * the store knows of its booking (`state`), the time and the configuration. The same event planned
 * again against the state its plan left behind yields no action; a deletion never yields a create.
 * See docs/sync-engine.md ("Planning one event").
 */
export function planEventSync(
  event: CalendarEvent,
  state: BookingState,
  now: Date,
  config: PlanConfig,
): EventPlan {
  switch (event.kind) {
    case 'deleted':
      return { bookingId: event.eventId, actions: planRemoval(state, event.calendarId) };
    case 'cancelledInstance':
    case 'exception':
      return planInstance(event, state, now, config);
    default:
      return planBooking(event, state, now, config);
  }
}

/** The booking an event belongs to: a series' master for its instances, else the event itself. */
export function bookingIdOf(event: CalendarEvent): string {
  if (event.kind === 'cancelledInstance') return event.recurringEventId;
  if (event.kind === 'exception') return event.recurringEventId ?? event.eventId;
  return event.eventId;
}
