import type { LiveEvent } from '../domain/calendar-event.js';
import type { AdapterContext } from './adapter-context.js';
import { listEventPages } from './list-events.js';

/**
 * A room's bookings between `from` and `to`, as people see them: `singleEvents=true` expands
 * series into instances (which then carry `recurringEventId`, so they come out as kind
 * `exception`), ordered by start. For people (`zoomlink google events`), not for sync.
 */
export async function listBookings(
  ctx: AdapterContext,
  calendarId: string,
  window: { from: Date; to: Date },
): Promise<LiveEvent[]> {
  const bookings: LiveEvent[] = [];
  for await (const page of listEventPages(ctx, calendarId, {
    singleEvents: true,
    orderBy: 'startTime',
    timeMin: window.from.toISOString(),
    timeMax: window.to.toISOString(),
  })) {
    for (const event of page.events)
      if (event.kind !== 'cancelledInstance' && event.kind !== 'deleted') bookings.push(event);
  }
  return bookings;
}
