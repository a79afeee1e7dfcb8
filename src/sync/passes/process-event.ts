import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import type { EventPlan } from '../plan/actions.js';
import { applyActions } from '../apply/apply-actions.js';
import { MeetingGone, Retry } from '../apply/apply-meetings.js';
import { spanOf } from '../plan/booking-span.js';
import { isLiveLink, type BookingState } from '../plan/booking-state.js';
import type { PassContext } from '../apply/context.js';
import { countSkip } from '../apply/counts.js';
import {
  describeError,
  isMeetingInProgress,
  nextAttemptAt,
  parkedHostOf,
  quotaExhaustedUntil,
} from '../apply/failures.js';
import { intentSettlesAt, resolveIntent } from './intent-recovery.js';
import { pendingLink } from '../apply/pending-link.js';
import { bookingFields } from '../apply/record-action.js';
import { bookingIdOf, planEventSync } from '../plan/plan-event.js';
import { organizerCancelled } from './organizer-cancelled.js';
import { decidingRoomOf } from '../plan/booking-scope.js';
import { previewOf } from '../plan/preview.js';
import { roomSettings } from '../plan/room-settings.js';
import { lookUpOrganizer } from '../apply/organizer-lookup.js';
import { poolFor } from '../apply/pool-view.js';
import { ourMeetingsNamedBy } from '../apply/our-meetings.js';

/**
 * How one event ended: done (or recorded as failed), held back until its master is known, or
 * planned and left alone because its plan was not the kind asked for (`only`).
 */
export type EventOutcome = 'done' | 'waitForMaster' | 'notNeeded';

/** Reads what the store knows of a booking, for the planner. */
export function loadState(ctx: PassContext, bookingId: string, event: CalendarEvent): BookingState {
  const { store } = ctx;
  const link = store.links.get(bookingId);
  const state: BookingState = {
    overrides: [],
    occurrenceMeetings: [],
    watched: ctx.watched,
  };
  const organizerEmail =
    event.kind === 'single' || event.kind === 'master' || event.kind === 'exception'
      ? event.organizer.email
      : link?.organizerEmail;
  const organizer = organizerEmail ? store.zoomUsers.get(organizerEmail) : undefined;
  if (organizer) state.organizer = organizer;
  if ((event.kind === 'single' || event.kind === 'master') && !isLiveLink(link))
    state.ourMeetingIds = ourMeetingsNamedBy(ctx.store, event);
  if (!link) return withPool(ctx, bookingId, event, state);
  state.link = link;
  if (
    link.strategy === 'series' ||
    link.strategy === 'per_occurrence' ||
    event.kind === 'master' ||
    isInstance(event)
  )
    state.overrides = store.overrides.listForLink(bookingId);
  if (link.strategy === 'per_occurrence')
    state.occurrenceMeetings = store.occurrenceMeetings.listForLink(bookingId);
  if (isInstance(event)) {
    const snapshot = store.links.getSnapshot(bookingId);
    if (snapshot && (snapshot.kind === 'master' || snapshot.kind === 'single'))
      state.master = snapshot as LiveEvent;
  }
  return withPool(ctx, bookingId, event, state);
}

/** A booking of a room that shares the pool's hosts gets the pool's bookings (issue 15). */
function withPool(
  ctx: PassContext,
  bookingId: string,
  event: CalendarEvent,
  state: BookingState,
): BookingState {
  const pool = poolFor(ctx, bookingId, event, state);
  return pool ? { ...state, pool } : state;
}

const isInstance = (event: CalendarEvent) =>
  event.kind === 'exception' || event.kind === 'cancelledInstance';

/**
 * Plans and applies one event, one booking at a time. A failure stays with the booking: it is
 * recorded with its next attempt (or, for a parked Zoom host, deferred to the reset) and the
 * caller goes on with the next event. Only a failure of the store itself propagates.
 */
export async function processEvent(
  event: CalendarEvent,
  ctx: PassContext,
  options: {
    /** Apply the plan only when this says so (the window pass: only plans that move something). */
    only?: (plan: EventPlan) => boolean;
  } = {},
): Promise<EventOutcome> {
  const bookingId = bookingIdOf(event);
  return ctx.locks.run(bookingId, async () => {
    if (olderThanApplied(ctx, bookingId, event)) {
      ctx.logger.debug('a copy no newer than the one applied is left alone', {
        eventId: event.eventId,
        calendarId: event.calendarId,
      });
      return 'done';
    }
    // A create of this booking left unfinished (a crash, a lost answer) is settled before
    // anything is planned; while its answer could still come, the booking waits.
    const open = ctx.store.intents.findOpen(bookingId);
    if (open) {
      const settlesAt = intentSettlesAt(open, ctx);
      if (settlesAt.getTime() > ctx.now().getTime()) {
        try {
          await waitForIntent(ctx, bookingId, event, settlesAt);
        } catch (error) {
          recordFailure(ctx, bookingId, event, error);
        }
        return 'done';
      }
      try {
        await resolveIntent(open, ctx);
      } catch (error) {
        recordFailure(ctx, bookingId, event, error);
        return 'done';
      }
    }
    let lookedUp = false;
    let cancelledByOrganizer = false;
    for (let round = 0; ; round += 1) {
      let state: BookingState;
      let plan: EventPlan;
      try {
        state = loadState(ctx, bookingId, event);
        if (cancelledByOrganizer) state.cancelledByOrganizer = true;
        plan = planEventSync(event, state, ctx.now(), ctx.config);
      } catch (error) {
        ctx.logger.error('planning an event failed', {
          eventId: event.eventId,
          error: describeError(error),
        });
        recordFailure(ctx, bookingId, event, error);
        return 'done';
      }
      if (round === 0 && options.only && !options.only(plan)) return 'notNeeded';
      if (round === 0 && plan.skipped) countSkip(ctx.counts, plan.skipped.reason);
      if (plan.waitForMaster) return 'waitForMaster';
      // The one place plans are carried out: a room in observe mode gets its plan recorded, and
      // nothing else — no call, no link.
      const room = decidingRoomOf(event, state);
      if (roomSettings(ctx.config, room).mode === 'observe') {
        observe(ctx, plan, event, state, room);
        return 'done';
      }
      if (
        !cancelledByOrganizer &&
        event.kind === 'deleted' &&
        state.link &&
        plan.actions.some((action) => action.kind === 'dropRoom') &&
        (await organizerCancelled(ctx, state.link))
      ) {
        // The organizer cancelled it: planned again as the last room's removal.
        cancelledByOrganizer = true;
        round -= 1;
        continue;
      }
      if (plan.lookUpOrganizer && !lookedUp) {
        // Asked once, remembered in the store; the plan made again names the alternative host.
        lookedUp = true;
        await lookUpOrganizer(ctx, plan.lookUpOrganizer);
        round -= 1;
        continue;
      }
      if (ctx.store.observations.has(bookingId)) ctx.store.observations.remove(bookingId);
      try {
        await applyActions(plan, event, ctx);
        return 'done';
      } catch (error) {
        if ((error instanceof MeetingGone || error instanceof Retry) && round < 2) {
          if (error instanceof MeetingGone) forgetMeeting(ctx, bookingId, error.meetingId);
          continue;
        }
        recordFailure(ctx, bookingId, event, error);
        return 'done';
      }
    }
  });
}

/**
 * A room in observe mode: what the sync would do is recorded for the status page (bookings, not
 * their instances, which show under their series), counted, and not done.
 */
function observe(
  ctx: PassContext,
  plan: EventPlan,
  event: CalendarEvent,
  state: BookingState,
  room: string,
): void {
  ctx.counts.observed += 1;
  // A booking gone from the room takes its observation with it.
  if (event.kind === 'deleted' && ctx.store.observations.has(plan.bookingId))
    ctx.store.observations.remove(plan.bookingId);
  if (event.kind !== 'single' && event.kind !== 'master') return;
  const preview = previewOf(plan, event, state, ctx.now(), ctx.config);
  ctx.store.observations.put(plan.bookingId, room, preview);
}

/**
 * Whether this copy is older (Google's `updated`) than the copy of the same booking, or of the
 * same instance, already applied — or the same version read through another room. An outside organizer's booking is read from every watched
 * room's copy, and those are written separately: the copy read last must not move a meeting back.
 * A copy with no readable time, and a deletion, are always applied.
 */
function olderThanApplied(ctx: PassContext, bookingId: string, event: CalendarEvent): boolean {
  if (event.kind === 'deleted' || event.kind === 'cancelledInstance') return false;
  const updated = Date.parse(event.updated);
  if (Number.isNaN(updated)) return false;
  const original = event.kind === 'exception' ? event.originalStartTime?.dateTime : undefined;
  if (event.kind === 'exception' && (event.recurringEventId === undefined || !original))
    return false;
  const applied = original
    ? ctx.store.overrides.get(bookingId, original)?.eventSnapshot
    : ctx.store.links.getSnapshot(bookingId);
  if (!applied || applied.kind === 'deleted' || applied.kind === 'cancelledInstance') return false;
  const appliedAt = Date.parse(applied.updated);
  if (updated < appliedAt) return true;
  // The same change read through another room's copy (a change reaches every copy at once): the
  // copy applied said all of it, this one's room response included (every copy lists each
  // room's). Reads run ahead of the work, so this copy was read before our own write reached it,
  // and it would look as if our block were missing.
  return (
    updated === appliedAt &&
    event.calendarId.toLowerCase() !== applied.calendarId.toLowerCase() &&
    event.roomResponse !== 'declined'
  );
}

/**
 * The booking waits (not a failure) until its unfinished create can be settled. What the event
 * says is kept meanwhile — the booking's newest form, or an instance's exception — because the
 * room's sync token moves past it: the plan made once the create is settled starts from it.
 */
async function waitForIntent(
  ctx: PassContext,
  bookingId: string,
  event: CalendarEvent,
  until: Date,
): Promise<void> {
  const { store } = ctx;
  if (!store.links.get(bookingId)) {
    if (event.kind !== 'single' && event.kind !== 'master') return;
    store.links.upsert(pendingLink(bookingId, event));
  } else if (event.kind === 'single' || event.kind === 'master') {
    store.links.update(bookingId, { eventSnapshot: event, ...spanOf(event) });
  } else {
    // An instance's exception, or a room leaving a booking that other rooms still hold: only
    // what the store records (no call may go out while the create is unsettled). A deletion from
    // the last room becomes the booking's newest form, planned once the create is settled.
    const plan = planEventSync(event, loadState(ctx, bookingId, event), ctx.now(), ctx.config);
    const record = plan.actions.filter((a) => a.kind === 'putOverride' || a.kind === 'dropRoom');
    if (record.length > 0) await applyActions({ ...plan, actions: record }, event, ctx);
    else if (plan.actions.some((a) => a.kind === 'markDeleted'))
      store.links.update(bookingId, { eventSnapshot: event, ...spanOf(event) });
  }
  store.links.defer(bookingId, until, 'a create may still be in flight; it is settled then');
  ctx.counts.deferred += 1;
}

/** The meeting was deleted in Zoom by hand: the link forgets it, so the next plan recreates it. */
function forgetMeeting(ctx: PassContext, bookingId: string, meetingId: number): void {
  const link = ctx.store.links.get(bookingId);
  ctx.logger.warn('the zoom meeting was deleted outside zoomlink; making it again', {
    eventId: bookingId,
    meetingId,
  });
  if (link && link.zoomMeetingId === meetingId)
    ctx.store.links.update(bookingId, { zoomMeetingId: null, zoomHash: null, state: 'pending' });
}

function recordFailure(
  ctx: PassContext,
  bookingId: string,
  event: CalendarEvent,
  error: unknown,
): void {
  const message = describeError(error);
  const { store } = ctx;
  const now = ctx.now();
  let link: Link | undefined = store.links.get(bookingId);
  if (!link) {
    if (event.kind !== 'single' && event.kind !== 'master') {
      ctx.logger.error('an event failed before its booking was recorded', {
        eventId: event.eventId,
        error: message,
      });
      ctx.counts.failed += 1;
      return;
    }
    link = store.links.upsert(pendingLink(bookingId, event));
  }
  if (link.state === 'ignored' || link.state === 'deleted') {
    // It was skipped, foreign or deleted and now needs a meeting: a failure makes it pending work.
    link = store.links.update(bookingId, { strategy: 'single', state: 'pending' });
  }
  // The host's parking is already recorded, by the Zoom client that was refused (or that
  // parked it before): the booking only waits for the reset.
  const parkedUntil = quotaExhaustedUntil(error, now);
  if (parkedUntil) {
    const host = parkedHostOf(error) ?? link.zoomHost;
    store.links.defer(bookingId, parkedUntil, message);
    ctx.counts.deferred += 1;
    ctx.logger.info('zoom host is parked; the booking waits for the daily reset', {
      eventId: bookingId,
      host,
      until: parkedUntil.toISOString(),
      ...bookingFields(ctx, bookingId),
    });
    return;
  }
  if (isMeetingInProgress(error)) {
    // Not a failure: the meeting runs (perhaps started early), and Zoom takes the change after.
    const until = new Date(now.getTime() + ctx.config.sync.inProgressRecheckMinutes * 60_000);
    store.links.defer(bookingId, until, message);
    ctx.counts.deferred += 1;
    ctx.logger.info('the zoom meeting is in progress; the change waits until it ends', {
      eventId: bookingId,
      until: until.toISOString(),
      ...bookingFields(ctx, bookingId),
    });
    return;
  }
  const failed = store.links.markFailed(
    bookingId,
    message,
    nextAttemptAt(link.attempts + 1, now, ctx.config.sync),
  );
  ctx.counts.failed += 1;
  ctx.logger.warn('a booking failed; it will be tried again', {
    eventId: bookingId,
    attempts: failed.attempts,
    nextAttemptAt: failed.nextAttemptAt,
    error: message,
    ...bookingFields(ctx, bookingId),
  });
}
