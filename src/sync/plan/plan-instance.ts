import type { CancelledInstance, LiveEvent } from '../../domain/calendar-event.js';
import {
  EventInputError,
  zoomOccurrenceId,
  type ConversionResult,
} from '../../recurrence/index.js';
import type { Link, OccurrenceOverride, OccurrenceOverrideInput } from '../../store/index.js';
import type { Action, EventPlan } from './actions.js';
import { blockHashIn, copyShowsBlock } from './block.js';
import { isoInstant } from '../../util/instant.js';
import { isLiveLink, type BookingState, type PlanConfig } from './booking-state.js';
import { bookingScope } from './booking-scope.js';
import { convert, coveredBy, movedAheadInWindow } from './conversion.js';
import { scopedConversion } from './meeting-request.js';
import { desiredOccurrenceMeetings, planOccurrenceMeetings } from './plan-occurrences.js';
import { withExceptionBlocks } from './plan-exception-blocks.js';
import { durationMinutesOf, planOverrides } from './plan-overrides.js';
import { decidePoolHost } from './plan-pool.js';

/**
 * One instance of a series changed: moved or retimed (an exception) or cancelled. It is recorded
 * as an override of the series' link, and the one Zoom occurrence (or, for `per_occurrence`, the
 * one meeting) it concerns is brought in line — one call per changed instance.
 */
export function planInstance(
  event: LiveEvent | CancelledInstance,
  state: BookingState,
  now: Date,
  config: PlanConfig,
): EventPlan {
  const bookingId = event.recurringEventId ?? event.eventId;
  const { link } = state;
  if (!link) return { bookingId, actions: [], waitForMaster: true };
  const original = event.originalStartTime?.dateTime;
  // An instance of a whole-day series: the series has no meeting to change.
  if (original === undefined) return { bookingId, actions: [] };
  const originalStart = isoInstant(original);

  const input: OccurrenceOverrideInput =
    event.kind === 'cancelledInstance'
      ? { eventId: bookingId, originalStart, kind: 'deleted' }
      : {
          eventId: bookingId,
          originalStart,
          kind: 'moved',
          newStart: isoInstant(event.start.dateTime ?? original),
          newDurationMinutes: durationMinutesOf(event),
        };
  const existing = state.overrides.find((o) => isoInstant(o.originalStart) === originalStart);
  const merged: OccurrenceOverride = {
    eventId: bookingId,
    originalStart,
    zoomOccurrenceId: zoomOccurrenceId(originalStart),
    kind: input.kind,
    newStart: input.newStart == null ? null : String(input.newStart),
    newDurationMinutes: input.newDurationMinutes ?? null,
    eventSnapshot: event,
    appliedHash: existing?.appliedHash ?? null,
    writebackHash: existing?.writebackHash ?? null,
    createdAt: existing?.createdAt ?? '',
    updatedAt: existing?.updatedAt ?? '',
  };
  // Whatever the link's state, what Google says of the instance is recorded: the sync token moves
  // past it, and a meeting made later (a create that did not finish, a booking that comes into
  // scope) applies every recorded exception. Only a live, settled link acts on it now.
  const master = state.master;
  const settled = master !== undefined && link.state !== 'pending' && isLiveLink(link);
  if (settled && event.kind === 'exception') merged.writebackHash = blockSeen(event, merged, link);
  const actions: Action[] = [];
  if (!sameOverride(existing, merged) || existing?.writebackHash !== merged.writebackHash) {
    actions.push({
      kind: 'putOverride',
      override: {
        eventId: bookingId,
        originalStart,
        zoomOccurrenceId: merged.zoomOccurrenceId,
        kind: merged.kind,
        newStart: merged.newStart,
        newDurationMinutes: merged.newDurationMinutes,
        eventSnapshot: event,
        appliedHash: merged.appliedHash,
        writebackHash: merged.writebackHash,
      },
    });
  }

  if (!master || !settled) return { bookingId, actions };
  const overrides = [...state.overrides.filter((o) => o !== existing), merged];
  let tail: Action[] = [];
  if (state.pool && link.zoomHost && event.kind === 'exception') {
    // A moved instance of a pool booking may now collide on its host. The later-booked leaves:
    // this series (planned again from its stored master, which moves it, before its occurrence is
    // changed), or the ones it now collides with.
    const decision = decidePoolHost(master, overrides, link.zoomHost, state.pool, now);
    if (decision.kind !== 'host' || decision.moveFrom !== undefined)
      return {
        bookingId,
        actions: [...actions, { kind: 'reviewHosts', host: link.zoomHost, eventIds: [bookingId] }],
      };
    if (decision.displaced.length > 0)
      tail = [{ kind: 'reviewHosts', host: decision.host, eventIds: decision.displaced }];
  }
  const withBlocks = (planned: Action[]) => [
    ...withExceptionBlocks(planned, overrides, link, master, now),
    ...tail,
  ];
  let conversion: ConversionResult;
  try {
    conversion = convert(master, now, config);
  } catch (error) {
    if (error instanceof EventInputError) return { bookingId, actions: withBlocks(actions) };
    throw error;
  }
  if (link.strategy === 'series' && conversion.strategy === 'series' && link.zoomMeetingId) {
    actions.push(
      ...planOverrides(
        [merged],
        coveredBy(conversion, link.windowTo, movedAheadInWindow([merged], link, now)),
        master,
        { reset: false },
      ),
    );
  } else if (link.strategy === 'per_occurrence' && conversion.strategy === 'per_occurrence') {
    // The meetings as the booking's own plan asks for them (its room's settings, its topic).
    const { request } = bookingScope(master, state, now, config);
    const desired = desiredOccurrenceMeetings(
      scopedConversion(conversion, request),
      overrides,
      master,
    );
    const changes = planOccurrenceMeetings(
      desired,
      state.occurrenceMeetings,
      link.zoomHost ?? '',
      now,
    );
    if (changes.length > 0) actions.push(...changes, { kind: 'writeBack', event: master });
  }
  return { bookingId, actions: withBlocks(actions) };
}

/**
 * The block this copy of an exception shows, as far as it tells: the link's, when our block is
 * there as written (nothing to write); none, when it is missing or was edited (to be written
 * again); when this copy cannot show our write, what was recorded before.
 */
function blockSeen(event: LiveEvent, override: OccurrenceOverride, link: Link): string | null {
  if (link.writebackHash === null || !copyShowsBlock(event, link)) return override.writebackHash;
  return blockHashIn(event.description) === link.writebackHash ? link.writebackHash : null;
}

function sameOverride(a: OccurrenceOverride | undefined, b: OccurrenceOverride): boolean {
  return (
    a !== undefined &&
    a.kind === b.kind &&
    (a.newStart === null ? null : isoInstant(a.newStart)) ===
      (b.newStart === null ? null : isoInstant(b.newStart)) &&
    a.newDurationMinutes === b.newDurationMinutes
  );
}
