import { isoFromMs } from '../../util/instant.js';
import { zoomOccurrenceId } from '../../recurrence/index.js';
import type { Link } from '../../store/index.js';
import type { OccurrenceMeetingPlan, OverrideChange } from '../plan/actions.js';
import {
  assertNotParked,
  auditZoom,
  createJournaled,
  deleteWholeMeeting,
  MeetingGone,
} from './apply-meetings.js';
import { updateStart } from '../plan/update-start.js';
import type { PassContext } from './context.js';
import { isInvalidOccurrence } from './failures.js';

/**
 * What one occurrence costs in Zoom: an occurrence of a series deleted or moved (by its
 * `occurrence_id`), or, for a booking with a meeting per occurrence, that occurrence's own meeting
 * made, changed or deleted.
 */

/** Deletes one occurrence of a series; one that is not there (any more) counts as done. */
export async function deleteOccurrence(
  ctx: PassContext,
  eventId: string,
  meetingId: number,
  start: string,
): Promise<void> {
  const occurrenceId = zoomOccurrenceId(new Date(start));
  let outcome: string;
  try {
    outcome = await ctx.meetings.deleteMeeting(meetingId, { occurrenceId });
  } catch (error) {
    if (!isInvalidOccurrence(error)) throw error;
    outcome = 'not an occurrence';
  }
  if (outcome === 'gone') throw new MeetingGone(meetingId);
  auditZoom(ctx, 'occurrence.delete', `${meetingId}/${occurrenceId}`, 'ok', eventId, outcome);
  ctx.counts.occurrencesChanged += 1;
}

export async function applyOccurrenceChange(
  ctx: PassContext,
  link: Link,
  meetingId: number,
  originalStart: string,
  change: OverrideChange,
): Promise<void> {
  if (change.kind === 'deleted') {
    await deleteOccurrence(ctx, link.eventId, meetingId, originalStart);
    return;
  }
  const host = link.zoomHost ?? '';
  if (host) assertNotParked(ctx, host);
  const occurrenceId = zoomOccurrenceId(new Date(originalStart));
  const outcome = await ctx.meetings.updateMeeting(
    meetingId,
    { start_time: change.zoomStart.start_time, duration: change.durationMinutes },
    host ? { occurrenceId, host } : { occurrenceId },
  );
  if (outcome === 'gone') throw new MeetingGone(meetingId);
  auditZoom(ctx, 'occurrence.update', `${meetingId}/${occurrenceId}`, 'ok', link.eventId, outcome);
  ctx.counts.occurrencesChanged += 1;
}

export async function createOccurrenceMeeting(
  ctx: PassContext,
  eventId: string,
  host: string,
  plan: OccurrenceMeetingPlan,
): Promise<void> {
  const { store } = ctx;
  await createJournaled(
    ctx,
    { eventId, host, occurrenceStart: plan.occurrenceStart },
    plan.request,
    () => undefined,
    (meeting) =>
      store.occurrenceMeetings.put({
        eventId,
        occurrenceStart: plan.occurrenceStart,
        zoomMeetingId: meeting.id,
        joinUrl: meeting.join_url,
        passcode: meeting.password ?? null,
        durationMinutes: Math.max(1, plan.request.duration ?? 60),
        zoomHash: plan.zoomHash,
      }),
  );
}

export async function updateOccurrenceMeeting(
  ctx: PassContext,
  link: Link,
  meetingId: number,
  plan: OccurrenceMeetingPlan,
): Promise<void> {
  const host = link.zoomHost ?? '';
  if (host) assertNotParked(ctx, host);
  const outcome = await ctx.meetings.updateMeeting(
    meetingId,
    updateStart(plan.request, ctx.now()),
    host ? { host } : undefined,
  );
  auditZoom(ctx, 'meeting.update', String(meetingId), 'ok', link.eventId, outcome);
  if (outcome === 'gone') {
    // Deleted by hand: forget it, so the plan made again creates it anew.
    ctx.store.occurrenceMeetings.remove(link.eventId, plan.occurrenceStart);
    throw new MeetingGone(meetingId);
  }
  ctx.counts.meetingsUpdated += 1;
  const current = ctx.store.occurrenceMeetings.get(link.eventId, plan.occurrenceStart);
  if (current)
    ctx.store.occurrenceMeetings.put({
      ...current,
      durationMinutes: Math.max(1, plan.request.duration ?? current.durationMinutes),
      zoomHash: plan.zoomHash,
    });
}

export async function deleteOccurrenceMeeting(
  ctx: PassContext,
  eventId: string,
  meetingId: number,
  occurrenceStart: string,
): Promise<void> {
  await deleteWholeMeeting(ctx, eventId, meetingId);
  ctx.store.occurrenceMeetings.remove(eventId, occurrenceStart);
}

/**
 * A finished booking's meeting keeps what is over, as history, and loses what it still holds ahead
 * of now (the booking was cut short): a series' occurrences, or a scheduled meeting not begun. A
 * meeting with no fixed time has nothing ahead. The link records the booking's hash afterwards.
 */
export async function clearAhead(
  ctx: PassContext,
  eventId: string,
  meetingId: number,
  zoomHash: string,
): Promise<void> {
  const meeting = await ctx.meetings.getMeeting(meetingId);
  const now = ctx.now().getTime();
  const ahead = (start: string | undefined) => start !== undefined && Date.parse(start) > now;
  if (meeting?.type === 8) {
    for (const occurrence of meeting.occurrences ?? [])
      if (occurrence.status !== 'deleted' && ahead(occurrence.start_time))
        await deleteOccurrence(ctx, eventId, meetingId, zoomOccurrenceStart(occurrence));
  } else if (meeting?.type === 2 && ahead(meeting.start_time)) {
    await deleteWholeMeeting(ctx, eventId, meetingId);
    ctx.store.links.update(eventId, { zoomMeetingId: null, zoomHash });
    return;
  }
  ctx.store.links.update(eventId, meeting ? { zoomHash } : { zoomMeetingId: null, zoomHash });
}

/** The original start (ISO UTC) of a Zoom occurrence: its id is that instant in epoch ms. */
const zoomOccurrenceStart = (occurrence: { occurrence_id: string }) =>
  isoFromMs(Number(occurrence.occurrence_id));
