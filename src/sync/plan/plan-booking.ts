import type { LiveEvent } from '../../domain/calendar-event.js';
import {
  EventInputError,
  type ConversionResult,
  type MeetingConversion,
} from '../../recurrence/index.js';
import type { Link } from '../../store/index.js';
import type { SkipReason } from './engine-types.js';
import type { Action, EventPlan } from './actions.js';
import {
  convert,
  coveredBy,
  movedAheadInWindow,
  extrasOf,
  meetingPlanOf,
  needsWindowMove,
  windowOf,
} from './conversion.js';
import { foreignZoomLinks } from './block.js';
import { bookingRooms } from './booking-rooms.js';
import { bookingScope } from './booking-scope.js';
import { hasMeeting, isLiveLink, type BookingState, type PlanConfig } from './booking-state.js';
import { zoomHashOf } from './hashes.js';
import { requestScopeOf, scopedConversion, type RequestScope } from './meeting-request.js';
import { scopeOf } from './scope.js';
import { withExceptionBlocks } from './plan-exception-blocks.js';
import { waitForRunningOccurrence } from './plan-in-progress.js';
import { desiredOccurrenceMeetings, planOccurrenceMeetings } from './plan-occurrences.js';
import { planOverrides } from './plan-overrides.js';
import { planRemoval, removeMeetings } from './plan-removal.js';
import { settleFinished } from './plan-finished.js';
import { blockIntact, sameRooms } from './link-checks.js';
import { isPoolHost } from '../../config/schema.js';
import { decidePoolHost, type PoolCheck } from './plan-pool.js';

/** A single event or a series master, as one room's copy shows it. */
export function planBooking(
  event: LiveEvent,
  state: BookingState,
  now: Date,
  config: PlanConfig,
): EventPlan {
  const bookingId = event.eventId;
  const { link } = state;
  const live = isLiveLink(link);
  const held = bookingRooms(event, state.watched);
  const rooms = held.map((r) => r.calendarId);
  const [hostRoom] = held;
  const skip = (reason: SkipReason, detail: string, actions: Action[]): EventPlan => ({
    bookingId,
    actions,
    skipped: { reason, detail },
  });
  /** Records the booking as skipped; a live link loses its meeting first. */
  const ignore = (reason: SkipReason, detail: string): EventPlan => {
    const record: Action = {
      kind: 'recordIgnored',
      strategy: 'skipped',
      reason: detail,
      code: reason,
      rooms,
    };
    if (live) return skip(reason, detail, [...removeMeetings(state), record]);
    const same = link?.strategy === 'skipped' && link.reason === detail && sameRooms(link, rooms);
    return skip(reason, detail, same ? [] : [record]);
  };

  if (event.eventType !== 'default')
    return ignore('not_a_booking', `a ${event.eventType} event, not a room booking`);
  if (event.roomResponse === 'declined' || hostRoom === undefined) {
    // Not linked yet: recorded as skipped, like any booking without a meeting, so that the
    // exceptions read while the room declines it are kept for the meeting made if a room accepts
    // it later (soak seed 100011).
    if (!live) return ignore('declined_by_room', 'the room declined it');
    return skip(
      'declined_by_room',
      'the room declined it',
      planRemoval(state, event.calendarId, 'kept'),
    );
  }
  if (event.allDay) return ignore('all_day', 'an all-day event has no time for a Zoom meeting');

  let conversion: ConversionResult;
  try {
    conversion = convert(event, now, config);
  } catch (error) {
    if (!(error instanceof EventInputError)) throw error;
    // An event we cannot read keeps whatever meeting it had; a person has to fix the event.
    if (live) return skip('unsupported', error.message, []);
    return ignore('unsupported', error.message);
  }
  if (conversion.strategy === 'skip') {
    const detail = conversion.reason;
    // A finished booking keeps its meeting as history. One still waiting for a retry (failed, or
    // deferred until an occurrence was over) stops waiting: nothing is left to do for it.
    if (live && link && conversion.reasonCode === 'finished') {
      const { request } = bookingScope(event, state, now, config);
      return skip(
        'finished',
        detail,
        settleFinished(event, state, link, request, rooms, detail, now),
      );
    }
    return ignore(conversion.reasonCode === 'all_day' ? 'all_day' : 'finished', detail);
  }

  // Scope: another conference, then the host room's policy. A booking that leaves the scope
  // loses its meeting and our block, as a cancellation would.
  const scope = bookingScope(event, state, now, config);
  const { room } = scope;
  let { request } = scope;
  const verdict = scopeOf(event, room, config);
  if (!verdict.in) return ignore(verdict.reason, verdict.detail);

  if (!live) {
    const foreign = foreignZoomLinks(event, state.ourMeetingIds);
    if (foreign.length > 0) {
      const detail = `already has a Zoom link zoomlink did not make: ${foreign[0]}`;
      const same =
        link?.strategy === 'foreign' && link.state === 'ignored' && sameRooms(link, rooms);
      const record: Action = {
        kind: 'recordIgnored',
        strategy: 'foreign',
        reason: detail,
        code: 'foreign_zoom_link',
        rooms,
      };
      return skip('foreign_zoom_link', detail, same ? [] : [record]);
    }
  }

  const roomHost = hostRoom.zoomHost;
  const known = live && link && hasMeeting(link, state.occurrenceMeetings) ? link : undefined;
  let host = roomHost;
  let pooled: Pooled | undefined;
  let tail: Action[] = [];
  if (isPoolHost(roomHost)) {
    // The room shares the pool's hosts: which one holds this booking (see plan-pool.ts).
    if (!state.pool) throw new Error('a pool room was planned without the pool loaded');
    const current = known?.zoomHost ?? undefined;
    const decision = decidePoolHost(event, state.overrides, current, state.pool, now);
    if (decision.kind === 'fail')
      return { bookingId, actions: [{ kind: 'poolExhausted', collisions: decision.collisions }] };
    if (decision.kind === 'wait')
      return {
        bookingId,
        actions: [{ kind: 'waitUntil', until: decision.until, reason: decision.reason }],
      };
    host = decision.host;
    pooled = {
      check: decision.check,
      ...(decision.moveFrom !== undefined ? { moveFrom: decision.moveFrom } : {}),
    };
    if (decision.displaced.length > 0)
      tail = [{ kind: 'reviewHosts', host, eventIds: decision.displaced }];
    // The organizer as alternative host, as for any room: worked out for the host the pool gave,
    // so that the host is never its own alternative.
    request = requestScopeOf(event, room, host, state.organizer, now, config);
  }
  const scoped = scopedConversion(conversion, request);
  const actions = [
    ...(known
      ? planKnown(event, state, known, scoped, request, host, rooms, now, config, pooled)
      : planCreate(event, state, scoped, request, host, rooms, now, pooled?.check)),
    ...tail,
  ];
  // A booking that has or gets a meeting and whose organizer Zoom was not asked about yet: the
  // engine asks, then plans again — a new meeting names the alternative host from the start, and
  // one made before (an upgrade, a failed lookup) is updated once to name it.
  return { bookingId, actions, ...(request.lookUp ? { lookUpOrganizer: request.lookUp } : {}) };
}

/** A pool room's booking: the check its host passes again when committed, and a move. */
interface Pooled {
  check: PoolCheck;
  /** The meeting leaves this host for the decided one. */
  moveFrom?: string;
}

function planCreate(
  event: LiveEvent,
  state: BookingState,
  conversion: MeetingConversion,
  request: RequestScope,
  host: string,
  rooms: string[],
  now: Date,
  poolCheck?: PoolCheck,
): Action[] {
  const zoomHash = zoomHashOf(event, conversion.strategy, request);
  const blocks = (actions: Action[]) =>
    withExceptionBlocks(actions, state.overrides, state.link, event, now);
  if (conversion.strategy === 'per_occurrence') {
    const desired = desiredOccurrenceMeetings(conversion, state.overrides, event);
    return blocks([
      {
        kind: 'setOccurrenceStrategy',
        host,
        zoomHash,
        window: windowOf(conversion),
        reason: conversion.reason,
        rooms,
        ...(poolCheck ? { poolCheck } : {}),
      },
      ...planOccurrenceMeetings(desired, state.occurrenceMeetings, host, now),
      { kind: 'writeBack', event },
      { kind: 'markLinked' },
    ]);
  }
  const meeting = {
    ...meetingPlanOf(conversion, host, zoomHash),
    ...(poolCheck ? { poolCheck } : {}),
  };
  return [
    { kind: 'createMeeting', meeting, rooms },
    ...bringMeetingToBooking(event, state, conversion, state.link, now, 'fresh'),
  ];
}

function planKnown(
  event: LiveEvent,
  state: BookingState,
  link: Link,
  conversion: MeetingConversion,
  request: RequestScope,
  host: string,
  rooms: string[],
  now: Date,
  config: PlanConfig,
  pooled?: Pooled,
): Action[] {
  const zoomHash = zoomHashOf(event, conversion.strategy, request);
  const unfinished = link.state !== 'linked';
  const roomActions: Action[] = sameRooms(link, rooms) ? [] : [{ kind: 'setRooms', rooms }];
  const wasPerOccurrence = link.strategy === 'per_occurrence';
  const isPerOccurrence = conversion.strategy === 'per_occurrence';
  const moving = pooled?.moveFrom !== undefined;

  if (wasPerOccurrence !== isPerOccurrence || (moving && wasPerOccurrence)) {
    // Zoom cannot turn one meeting into many or many into one: replace, and rewrite the link.
    const old = removeMeetings(state).filter((a) => a.kind !== 'removeBlock');
    const fresh = planCreate(
      event,
      { ...state, occurrenceMeetings: [] },
      conversion,
      request,
      host,
      rooms,
      now,
      pooled?.check,
    );
    return [...old, ...fresh];
  }

  const remote: Action[] = [];
  if (conversion.strategy === 'per_occurrence') {
    const meetingHost = link.zoomHost ?? host;
    const desired = desiredOccurrenceMeetings(conversion, state.overrides, event);
    const changes = planOccurrenceMeetings(desired, state.occurrenceMeetings, meetingHost, now);
    const hashChanged = link.zoomHash !== zoomHash;
    const record: Action[] =
      hashChanged || changes.length > 0
        ? [
            {
              kind: 'setOccurrenceStrategy',
              host: meetingHost,
              zoomHash,
              window: windowOf(conversion),
              reason: conversion.reason,
              rooms,
            },
          ]
        : roomActions;
    remote.push(...changes);
    if (changes.length > 0 || hashChanged || !blockIntact(event, link, rooms))
      remote.push({ kind: 'writeBack', event });
    const withBlocks = withExceptionBlocks(remote, state.overrides, link, event, now);
    const actions = [...record, ...withBlocks];
    return actions.length > 0 || unfinished ? [...actions, { kind: 'markLinked' }] : actions;
  }

  const meetingId = link.zoomMeetingId;
  if (meetingId === null)
    return planCreate(event, state, conversion, request, host, rooms, now, pooled?.check);
  if (moving) {
    // To another pool host: in place where Zoom allows it, else replaced (apply decides).
    const wait = waitForRunningOccurrence(link, conversion, state.overrides, event, now);
    if (wait) return [...roomActions, ...wait];
    const meeting = { ...meetingPlanOf(conversion, host, zoomHash), poolCheck: pooled!.check };
    return [
      ...roomActions,
      { kind: 'moveMeeting', meetingId, fromHost: pooled!.moveFrom!, meeting },
      ...bringMeetingToBooking(event, state, conversion, link, now, 'fresh'),
    ];
  }
  const meeting = meetingPlanOf(conversion, link.zoomHost ?? host, zoomHash);
  if (link.zoomHash !== zoomHash || needsWindowMove(link, conversion, config)) {
    const wait = waitForRunningOccurrence(link, conversion, state.overrides, event, now);
    if (wait) return [...roomActions, ...wait];
    return [
      ...roomActions,
      { kind: 'updateMeeting', meetingId, meeting },
      ...bringMeetingToBooking(event, state, conversion, link, now, 'fresh'),
    ];
  }
  const mode = unfinished ? 'resume' : blockIntact(event, link, rooms) ? 'steady' : 'rewrite';
  return [...roomActions, ...bringMeetingToBooking(event, state, conversion, link, now, mode)];
}

/**
 * How far a booking's one meeting is from what the booking says, once the meeting exists:
 * - `fresh`: just created, or its series re-expanded by an update: Zoom has every occurrence as
 *   the rule makes it (no extra deleted, no exception applied);
 * - `resume`: the steps after a create or an update did not all finish (the link is not `linked`:
 *   an adopted create, a failure part-way): each is done again where it is not known to be done;
 * - `rewrite`: linked, but our block is missing or changed in the event;
 * - `steady`: linked, the block as written: only exceptions whose applied state differs.
 */
type MeetingState = 'fresh' | 'resume' | 'rewrite' | 'steady';

/**
 * The one way a meeting is brought to what its booking says, whatever made it exist or change (a
 * create, an adopted create, an update, a window moved forward): Zoom's extra occurrences deleted,
 * every known exception applied, our block written (and into the exceptions' own copies), the
 * link marked linked. No path that makes or changes a meeting plans these steps on its own.
 */
function bringMeetingToBooking(
  event: LiveEvent,
  state: BookingState,
  conversion: MeetingConversion,
  link: Link | undefined,
  now: Date,
  meetingState: MeetingState,
): Action[] {
  const fresh = meetingState === 'fresh';
  const done = meetingState === 'steady' || meetingState === 'rewrite';
  // Repeating a finished step is harmless (an occurrence deleted twice answers 204 again).
  const extras = done ? [] : extrasOf(conversion);
  const steps: Action[] = [];
  if (extras.length > 0) steps.push({ kind: 'deleteOccurrences', starts: extras });
  steps.push(
    ...planOverrides(
      state.overrides,
      fresh || !link
        ? coveredBy(conversion, null)
        : coveredBy(conversion, link.windowTo, movedAheadInWindow(state.overrides, link, now)),
      event,
      { reset: fresh, alreadyDeleted: new Set(extras) },
    ),
  );
  if (meetingState !== 'steady') steps.push({ kind: 'writeBack', event });
  const withBlocks = withExceptionBlocks(steps, state.overrides, link, event, now);
  return withBlocks.length > 0 || !done ? [...withBlocks, { kind: 'markLinked' }] : withBlocks;
}
