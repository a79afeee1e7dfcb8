import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import { occurrenceStrategyFields } from '../plan/link-fields.js';
import type { Action, EventPlan } from '../plan/actions.js';
import {
  createBookingMeeting,
  deleteWholeMeeting,
  updateBookingMeeting,
  moveBookingMeeting,
} from './apply-meetings.js';
import {
  applyOccurrenceChange,
  clearAhead,
  createOccurrenceMeeting,
  deleteOccurrence,
  deleteOccurrenceMeeting,
  updateOccurrenceMeeting,
} from './apply-occurrences.js';
import {
  assertPoolHostFree,
  freesPoolTime,
  HostPoolExhausted,
  reviewHosts,
  wakePoolWaiters,
} from './pool-view.js';
import { removeBlock, writeBack, writeExceptionBlocks } from './apply-writeback.js';
import { spanOf } from '../plan/booking-span.js';
import type { PassContext } from './context.js';
import { pendingLink } from './pending-link.js';
import { recordSkip } from './record-action.js';

/**
 * Carries out a plan through the ports, in order, recording each result in the store as soon as
 * it is known (so a crash between two steps loses nothing: the next pass plans the rest). Errors
 * propagate to the caller, which records them on the booking.
 */
export async function applyActions(
  plan: EventPlan,
  event: CalendarEvent,
  ctx: PassContext,
): Promise<void> {
  saveSnapshot(plan, event, ctx);
  const { store } = ctx;
  const id = plan.bookingId;
  const link = (): Link => {
    const current = store.links.get(id);
    if (!current) throw new Error(`the link of ${id} vanished while its plan was applied`);
    return current;
  };
  try {
    for (const action of plan.actions) {
      await applyOne(action);
    }
  } finally {
    if (freesPoolTime(plan)) wakePoolWaiters(ctx);
  }

  async function applyOne(action: Action): Promise<void> {
    switch (action.kind) {
      case 'createMeeting':
        return createBookingMeeting(ctx, id, action.meeting, action.rooms);
      case 'updateMeeting':
        return updateBookingMeeting(ctx, link(), action.meetingId, action.meeting);
      case 'moveMeeting':
        return moveBookingMeeting(ctx, link(), action.meetingId, action.fromHost, action.meeting);
      case 'reviewHosts':
        reviewHosts(ctx, id, action.host, action.eventIds);
        return;
      case 'poolExhausted':
        throw new HostPoolExhausted(action.collisions);
      case 'deleteMeeting':
        return deleteWholeMeeting(ctx, id, action.meetingId);
      case 'clearAhead':
        return clearAhead(ctx, id, action.meetingId, action.zoomHash);
      case 'deleteOccurrences': {
        const meetingId = link().zoomMeetingId;
        if (meetingId === null) return;
        for (const start of action.starts) await deleteOccurrence(ctx, id, meetingId, start);
        return;
      }
      case 'applyOverride': {
        const current = link();
        if (current.zoomMeetingId === null) return;
        await applyOccurrenceChange(
          ctx,
          current,
          current.zoomMeetingId,
          action.originalStart,
          action.change,
        );
        const override = store.overrides.get(id, action.originalStart);
        if (override) store.overrides.put({ ...override, appliedHash: action.hash });
        return;
      }
      case 'putOverride':
        store.overrides.put(action.override);
        return;
      case 'createOccurrenceMeeting':
        return createOccurrenceMeeting(ctx, id, action.host, action.meeting);
      case 'updateOccurrenceMeeting':
        return updateOccurrenceMeeting(ctx, link(), action.meetingId, action.meeting);
      case 'deleteOccurrenceMeeting':
        return deleteOccurrenceMeeting(ctx, id, action.meetingId, action.occurrenceStart);
      case 'setOccurrenceStrategy':
        store.transaction(() => {
          assertPoolHostFree(ctx, action.poolCheck);
          store.links.update(id, occurrenceStrategyFields(action));
        });
        return;
      case 'writeBack':
        return writeBack(ctx, link(), action.event);
      case 'writeExceptionBlocks':
        return writeExceptionBlocks(ctx, link(), action.master);
      case 'removeBlock':
        return removeBlock(ctx, link(), action.calendarIds);
      case 'setRooms':
        store.links.setRooms(id, action.rooms);
        return;
      case 'dropRoom':
        store.links.removeRoom(id, action.calendarId);
        return;
      case 'recordIgnored':
        recordIgnored(ctx, id, event, action);
        recordSkip(ctx, event, {
          strategy: action.strategy,
          reason: plan.skipped?.reason,
          detail: action.reason,
        });
        return;
      case 'markDeleted':
        store.links.markDeleted(id);
        return;
      case 'markLinked':
        store.links.markLinked(id);
        return;
      case 'waitUntil':
        store.links.defer(id, new Date(action.until), action.reason);
        ctx.counts.deferred += 1;
        return;
    }
  }
}

/**
 * Before any remote call, the event is saved with its booking (a new booking gets a `pending`
 * link), so that whatever happens next it can be planned again from the store after the room's
 * sync token has moved past it.
 */
function saveSnapshot(plan: EventPlan, event: CalendarEvent, ctx: PassContext): void {
  if (plan.actions.length === 0) return;
  if (event.kind === 'exception' || event.kind === 'cancelledInstance') return;
  if (plan.actions.every((a) => a.kind === 'recordIgnored')) return;
  // A room dropping out of a booking other rooms still hold keeps the live snapshot (its
  // instances are planned against it).
  if (event.kind === 'deleted' && !plan.actions.some((a) => a.kind === 'markDeleted')) return;
  const { links } = ctx.store;
  if (links.get(plan.bookingId)) {
    links.update(plan.bookingId, { eventSnapshot: event, ...spanOf(event) });
    return;
  }
  if (event.kind === 'deleted') return;
  links.upsert(pendingLink(plan.bookingId, event));
}

function recordIgnored(
  ctx: PassContext,
  id: string,
  event: CalendarEvent,
  action: Extract<Action, { kind: 'recordIgnored' }>,
): void {
  const live = event.kind === 'deleted' || event.kind === 'cancelledInstance' ? undefined : event;
  const existing = ctx.store.links.get(id);
  ctx.store.links.upsert({
    eventId: id,
    icalUid: (live as LiveEvent | undefined)?.iCalUID ?? existing?.icalUid ?? '',
    organizerEmail: (live as LiveEvent | undefined)?.organizer.email ?? existing?.organizerEmail,
    strategy: action.strategy,
    state: 'ignored',
    reason: action.reason,
    skipCode: action.code,
    rooms: action.rooms,
    eventSnapshot: null,
    // Its title stays for what people read (the week view, its page); the snapshot does not.
    ...(live ? { title: (live as LiveEvent).summary } : {}),
    // An ignored booking keeps when it ends, so that it goes with the history once it is over.
    ...(live ? spanOf(live) : {}),
  });
}
