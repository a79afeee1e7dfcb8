import type { CalendarEvent } from '../../domain/calendar-event.js';
import type { Room } from '../../domain/ports.js';
import { bookingIdOf, planEventSync } from '../plan/plan-event.js';
import {
  previewActions,
  previewOf,
  type BookingPreview,
  type PlanPreview,
  type PreviewCounts,
} from '../plan/preview.js';
import type { PassContext } from '../apply/context.js';
import { describeError, errorCode } from '../apply/failures.js';
import { loadState } from './process-event.js';

/**
 * `zoomlink plan`: what a sync would do now, done by nothing. Every selected room is read whole
 * (no sync token used or stored), each booking planned against the store as it stands, and the
 * plans summarised; nothing is written anywhere — no store row, no Google write, no Zoom call (an
 * organizer not looked up yet shows without an alternative host: the lookup is the sync's).
 * A booking held by several rooms is shown once, as the first room read plans it (a sync's first
 * room makes the meeting, the others find it). A modified or cancelled instance of a series about
 * to be made adds its occurrence step to its series' line.
 */
export async function previewRooms(ctx: PassContext, rooms: readonly Room[]): Promise<PlanPreview> {
  const byBooking = new Map<string, BookingPreview>();
  const instances: { bookingId: string; event: CalendarEvent }[] = [];
  const failedRooms: PlanPreview['failedRooms'] = [];
  for (const room of rooms) {
    try {
      for await (const page of ctx.calendar.readChanges(room.calendarId, null)) {
        for (const event of page.events) {
          const bookingId = bookingIdOf(event);
          if (event.kind === 'exception' || event.kind === 'cancelledInstance') {
            instances.push({ bookingId, event });
            continue;
          }
          if (event.kind === 'deleted' || byBooking.has(bookingId)) continue;
          byBooking.set(bookingId, planOne(ctx, event, bookingId));
        }
      }
    } catch (error) {
      failedRooms.push({
        room: room.calendarId,
        code: errorCode(error) ?? 'SYNC_ROOM_FAILED',
        message: describeError(error),
      });
    }
  }
  for (const { bookingId, event } of instances) addInstance(ctx, byBooking.get(bookingId), event);
  const bookings = [...byBooking.values()];
  return { bookings, counts: countsOf(bookings), failedRooms };
}

function planOne(ctx: PassContext, event: CalendarEvent, bookingId: string): BookingPreview {
  const state = loadState(ctx, bookingId, event);
  try {
    return previewOf(
      planEventSync(event, state, ctx.now(), ctx.config),
      event,
      state,
      ctx.now(),
      ctx.config,
    );
  } catch (error) {
    return {
      eventId: bookingId,
      room: event.calendarId,
      actions: [],
      strategy: null,
      host: null,
      reason: `error: ${errorCode(error) ?? describeError(error)}`,
    };
  }
}

/**
 * An instance adds its own step: planned against the series' link when it has one; for a series
 * the sync is about to create, the step it takes once the meeting exists.
 */
function addInstance(
  ctx: PassContext,
  series: BookingPreview | undefined,
  event: CalendarEvent,
): void {
  if (!series || series.reason !== null) return;
  const state = loadState(ctx, series.eventId, event);
  let words: BookingPreview['actions'];
  try {
    const plan = planEventSync(event, state, ctx.now(), ctx.config);
    words = plan.waitForMaster ? [] : previewOf(plan, event, state, ctx.now(), ctx.config).actions;
  } catch {
    return;
  }
  if (words.length === 0 && series.actions.includes('create'))
    words = [event.kind === 'cancelledInstance' ? 'occurrence delete' : 'occurrence update'];
  for (const word of words) if (!series.actions.includes(word)) series.actions.push(word);
  series.actions.sort((a, b) => previewActions.indexOf(a) - previewActions.indexOf(b));
}

function countsOf(bookings: readonly BookingPreview[]): PreviewCounts {
  const counts: PreviewCounts = { bookings: bookings.length, none: 0 };
  for (const word of previewActions) counts[word] = 0;
  for (const booking of bookings) {
    if (booking.actions.length === 0) counts.none += 1;
    for (const word of booking.actions) counts[word] = (counts[word] ?? 0) + 1;
    if (booking.reason)
      counts[`skip:${booking.reason}`] = (counts[`skip:${booking.reason}`] ?? 0) + 1;
  }
  return counts;
}
