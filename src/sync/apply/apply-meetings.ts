import { recordAction } from './record-action.js';
import { CrossLayerCodes } from '../../domain/error-codes.js';
import type { ZoomMeeting, ZoomMeetingRequest } from '../../domain/zoom-meeting.js';
import type { Link, LinkPatch } from '../../store/index.js';
import type { MeetingPlan } from '../plan/actions.js';
import { createdMeetingFields, updatedMeetingFields } from '../plan/link-fields.js';
import { updateStart } from '../plan/update-start.js';
import type { PassContext } from './context.js';
import {
  describeError,
  isRefusedRequest,
  outcomeUnknown,
  quotaExhaustedUntil,
} from './failures.js';
import { assertPoolHostFree } from './pool-view.js';

/**
 * The Zoom side of applying a plan. Creates are journaled: an intent is committed first and its
 * marker travels in the meeting's agenda, so a create whose answer was lost is found again rather
 * than made twice. Every other call is idempotent (PATCH; DELETE where "already gone" is done).
 */

/** Zoom's list shows the first 250 characters of an agenda: the marker comes first. */
export function agendaWith(marker: string): string {
  return `${marker} (made by zoomlink for a room booking)`;
}

/**
 * The host's budget is spent: no create or update is sent before `until`. It carries the code
 * and fields of the Zoom client's own refusal, so a failure is read the same way whichever
 * noticed first (`quotaExhaustedUntil`).
 */
export class HostParked extends Error {
  readonly code = CrossLayerCodes.zoomQuotaExhausted;
  constructor(
    readonly host: string,
    readonly until: Date,
  ) {
    super(`Zoom host ${host} is parked until ${until.toISOString()} (daily create/update budget)`);
  }
}

/**
 * Refuses a create or update for a parked host before anything is journaled, reading the parking
 * the Zoom client records (`HostQuotaPort`, persisted by the store's `hosts`).
 */
export function assertNotParked(ctx: PassContext, host: string): void {
  const until = ctx.store.hosts.parkedUntil(host, ctx.now());
  if (until) throw new HostParked(host, until);
}

/** The meeting was deleted in Zoom behind our back (404/3001): the plan is made again. */
export class MeetingGone extends Error {
  constructor(readonly meetingId: number) {
    super(`Zoom meeting ${meetingId} no longer exists`);
  }
}

/**
 * Creates a meeting under an intent. `prepare` runs in the transaction that opens the intent (it
 * records what the link will be), `record` in the one that closes it (the meeting on the link).
 */
export async function createJournaled(
  ctx: PassContext,
  target: { eventId: string; host: string; occurrenceStart?: string },
  request: ZoomMeetingRequest,
  prepare: () => void,
  record: (meeting: ZoomMeeting) => void,
): Promise<ZoomMeeting> {
  const { store } = ctx;
  assertNotParked(ctx, target.host);
  const intent = store.transaction(() => {
    prepare();
    return store.intents.open({
      eventId: target.eventId,
      zoomHost: target.host,
      occurrenceStart: target.occurrenceStart ?? null,
    });
  });
  let meeting: ZoomMeeting;
  try {
    meeting = await ctx.meetings.createMeeting(target.host, {
      ...request,
      agenda: agendaWith(intent.marker),
    });
  } catch (error) {
    // A create whose answer was lost (dropped connection, timeout) may still be made by Zoom:
    // its intent stays open and is settled by listing the host's meetings once no answer can be
    // on its way any more (see `intentIsSettled`). Any other failure made no meeting.
    if (!outcomeUnknown(error))
      store.intents.abandon(intent.marker, `the create failed: ${describeError(error)}`);
    auditZoom(ctx, 'meeting.create', target.host, 'error', target.eventId, describeError(error));
    throw error;
  }
  if (store.intents.get(intent.marker)?.state === 'abandoned') {
    // Another process's recovery gave this create up while it was in flight, and may have made
    // the meeting again: this one must not stand beside it.
    ctx.logger.warn('a create was given up by recovery while in flight; deleting its meeting', {
      eventId: target.eventId,
      meetingId: meeting.id,
    });
    await ctx.meetings.deleteMeeting(meeting.id);
    throw new Retry();
  }
  store.transaction(() => {
    store.intents.markDone(intent.marker, meeting.id);
    record(meeting);
    recordAction(ctx, {
      service: 'zoom',
      action: 'meeting.create',
      target: String(meeting.id),
      result: 'ok',
      eventId: target.eventId,
      detail: { host: target.host, type: request.type },
    });
  });
  ctx.counts.meetingsCreated += 1;
  return meeting;
}

/** The link changed under the plan (a create was adopted): plan again from the store. */
export class Retry extends Error {
  constructor() {
    super('the booking changed while its plan was applied; planning it again');
  }
}

export async function createBookingMeeting(
  ctx: PassContext,
  eventId: string,
  plan: MeetingPlan,
  rooms: string[],
): Promise<void> {
  const { store } = ctx;
  const fields = createdMeetingFields(plan, rooms);
  try {
    await createJournaled(
      ctx,
      { eventId, host: plan.host },
      plan.request,
      () => {
        // A pool host is committed here, in the intent's transaction: taken meanwhile, plan again.
        assertPoolHostFree(ctx, plan.poolCheck);
        store.links.update(eventId, { ...fields, state: 'pending', zoomMeetingId: null });
      },
      (meeting) => recordNewMeeting(ctx, eventId, meeting, fields),
    );
  } catch (error) {
    // A pool host whose day is spent (now parked): plan again, and another host is chosen.
    if (plan.poolCheck && quotaExhaustedUntil(error, ctx.now())) throw new Retry();
    throw error;
  }
}

/**
 * A booking's meeting moves to another pool host. Journaled: the move is recorded (and the link
 * names the new host) before Zoom is asked, so a crash is finished by the next plan. Zoom's
 * update takes `schedule_for` (the user the meeting is scheduled for); whether that moves the
 * host of an existing meeting is not in Zoom's reference, but it did keep the meeting's id,
 * passcode, join link and recurrence for cornellh4i/ithaca-recovery (issue 516, PR 519), and is
 * refused with 400/3000 "You cannot schedule a meeting for …" without a scheduling privilege
 * (devforum.zoom.us/t/88501, /t/129457). So the host is read back after the update: moved, the
 * link keeps its join URL; refused or not moved, the meeting is replaced — deleted, the link
 * emptied, and the booking planned again, which makes it anew on the new host (journaled like any
 * create) and writes the new link into the event.
 */
export async function moveBookingMeeting(
  ctx: PassContext,
  link: Link,
  meetingId: number,
  fromHost: string,
  plan: MeetingPlan,
): Promise<void> {
  assertNotParked(ctx, fromHost);
  const { store } = ctx;
  const toHost = plan.host;
  store.transaction(() => {
    assertPoolHostFree(ctx, plan.poolCheck);
    store.pool.startMove({ eventId: link.eventId, meetingId, fromHost, toHost });
    store.links.update(link.eventId, { zoomHost: toHost });
  });
  let moved = false;
  try {
    const request = { ...plan.request, schedule_for: toHost };
    const outcome = await ctx.meetings.updateMeeting(meetingId, request, { host: fromHost });
    if (outcome === 'gone') {
      store.transaction(() => {
        store.pool.endMove(link.eventId);
        store.links.update(link.eventId, { zoomMeetingId: null, zoomHash: null, state: 'pending' });
      });
      throw new MeetingGone(meetingId);
    }
    const meeting = await ctx.meetings.getMeeting(meetingId);
    moved = meeting !== null && hostIs(meeting, toHost);
  } catch (error) {
    if (!isRefusedRequest(error)) throw error;
    auditZoom(ctx, 'meeting.move', String(meetingId), 'error', link.eventId, describeError(error));
  }
  if (moved) {
    store.transaction(() => {
      store.links.update(link.eventId, { ...updatedMeetingFields(plan), zoomHost: toHost });
      store.overrides.markAllUnapplied(link.eventId);
      store.pool.endMove(link.eventId);
      recordAction(ctx, {
        service: 'zoom',
        action: 'meeting.move',
        target: String(meetingId),
        result: 'ok',
        eventId: link.eventId,
        detail: { from: fromHost, to: toHost, how: 'in place' },
      });
    });
    ctx.counts.meetingsUpdated += 1;
    return;
  }
  ctx.logger.info('zoom did not move the meeting to the other host; replacing it', {
    eventId: link.eventId,
    meetingId,
    from: fromHost,
    to: toHost,
  });
  await deleteWholeMeeting(ctx, link.eventId, meetingId);
  store.transaction(() => {
    store.links.update(link.eventId, {
      zoomMeetingId: null,
      zoomHash: null,
      zoomHost: toHost,
      state: 'pending',
    });
    store.pool.endMove(link.eventId);
  });
  throw new Retry();
}

/** Whether Zoom's meeting is hosted by `host` (an email, compared case-insensitively, or an id). */
function hostIs(meeting: ZoomMeeting, host: string): boolean {
  const wanted = host.toLowerCase();
  return meeting.host_email?.toLowerCase() === wanted || meeting.host_id.toLowerCase() === wanted;
}

/**
 * A booking has a new meeting (created, or a create found again by its marker): the link records
 * it and, in the same transaction, no exception counts as applied any more — the new meeting's
 * occurrences are as the rule makes them, so the steps after it apply every one again.
 */
export function recordNewMeeting(
  ctx: Pick<PassContext, 'store'>,
  eventId: string,
  meeting: ZoomMeeting,
  fields: LinkPatch = {},
): void {
  ctx.store.transaction(() => {
    ctx.store.links.update(eventId, {
      ...fields,
      zoomMeetingId: meeting.id,
      joinUrl: meeting.join_url,
      passcode: meeting.password ?? null,
    });
    ctx.store.overrides.markAllUnapplied(eventId);
  });
}

export async function updateBookingMeeting(
  ctx: PassContext,
  link: Link,
  meetingId: number,
  plan: MeetingPlan,
): Promise<void> {
  const host = link.zoomHost ?? plan.host;
  assertNotParked(ctx, host);
  const request = updateStart(plan.request, ctx.now());
  const outcome = await ctx.meetings.updateMeeting(meetingId, request, { host });
  auditZoom(ctx, 'meeting.update', String(meetingId), 'ok', link.eventId, outcome);
  if (outcome === 'gone') throw new MeetingGone(meetingId);
  ctx.counts.meetingsUpdated += 1;
  ctx.store.transaction(() => {
    ctx.store.links.update(link.eventId, updatedMeetingFields(plan));
    // A series edit re-expands Zoom's occurrences and drops their edits (what the Zoom emulator
    // does by default; Zoom documents nothing): they are applied again, whatever Zoom did.
    ctx.store.overrides.markAllUnapplied(link.eventId);
  });
}

export async function deleteWholeMeeting(
  ctx: PassContext,
  eventId: string,
  meetingId: number,
): Promise<void> {
  const outcome = await ctx.meetings.deleteMeeting(meetingId);
  auditZoom(ctx, 'meeting.delete', String(meetingId), 'ok', eventId, outcome);
  if (outcome === 'deleted') ctx.counts.meetingsDeleted += 1;
}

export function auditZoom(
  ctx: PassContext,
  action: string,
  target: string,
  result: 'ok' | 'error',
  eventId: string,
  detail: string,
): void {
  recordAction(ctx, { service: 'zoom', action, target, result, eventId, detail });
}
