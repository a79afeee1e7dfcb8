import type { CalendarEvent } from '../domain/calendar-event.js';
import type { AdapterContext } from './adapter-context.js';
import { listInstancePages } from './list-events.js';

/**
 * The instances of one series on a room calendar that end after `from` and start before `to`,
 * cancelled ones included: `events.instances` with `showDeleted=true` returns them with status
 * "cancelled" (Calendar API reference, events.instances: "showDeleted — whether to include
 * deleted events (with status equals "cancelled")"; `timeMin` bounds the end, `timeMax` the
 * start). Read as the admin subject, or as `actAs` (the organizer whose copy we wrote). Normalised like every other read: each instance is an `exception` (it carries
 * `recurringEventId` and `originalStartTime`) or a `cancelledInstance`.
 */
export async function listInstances(
  ctx: AdapterContext,
  calendarId: string,
  eventId: string,
  window: { from: Date; to: Date },
  actAs?: string,
): Promise<CalendarEvent[]> {
  const instances: CalendarEvent[] = [];
  const query = {
    showDeleted: true,
    timeMin: window.from.toISOString(),
    timeMax: window.to.toISOString(),
  };
  for await (const page of listInstancePages(ctx, calendarId, eventId, query, actAs))
    instances.push(...page.events);
  return instances;
}
