import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import type { ZoomMeeting } from '../../domain/zoom-meeting.js';
import type { Link, OccurrenceOverride } from '../../store/index.js';
import { isoInstant } from '../../util/instant.js';
import type { PassContext } from '../apply/context.js';
import type { ReconcileFinding } from '../plan/engine-types.js';
import { deleteOccurrence } from '../apply/apply-occurrences.js';
import { bookingScope } from '../plan/booking-scope.js';
import { zoomDrifted, zoomHashOf } from '../plan/hashes.js';
import {
  describeDrift,
  noDrift,
  occurrenceDrift,
  type OccurrenceDrift,
} from '../plan/occurrence-drift.js';
import { convert, coveredBy } from '../plan/conversion.js';
import { durationMinutesOf } from '../plan/plan-overrides.js';
import { processEvent } from './process-event.js';

/** A series' occurrences as both sides have them, read for one check. */
export interface OccurrenceCheck {
  master: LiveEvent;
  covered: string[];
  instances: CalendarEvent[];
  drift: OccurrenceDrift;
}

/**
 * Compares a linked series' live Zoom occurrences with Google's instances (read with
 * `events.instances`, not from the store: the store may be what is wrong). Only a series whose
 * booking is as the link last made it is judged; a change not yet applied is the next poll's.
 */
export async function checkOccurrences(
  ctx: PassContext,
  link: Link,
  meeting: ZoomMeeting,
): Promise<OccurrenceCheck | undefined> {
  if (link.strategy !== 'series' || link.state !== 'linked' || !meeting.occurrences) return;
  const master = ctx.store.links.getSnapshot(link.eventId);
  if (master?.kind !== 'master') return;
  const now = ctx.now();
  const organizer = ctx.store.zoomUsers.get(master.organizer.email);
  const state = { link, watched: ctx.watched, ...(organizer ? { organizer } : {}) };
  const { request } = bookingScope(master, state, now, ctx.config);
  if (zoomHashOf(master, 'series', request) !== link.zoomHash) return;
  const conversion = convert(master, now, ctx.config);
  const covered = [...coveredBy(conversion, link.windowTo)];
  const room = link.rooms.find((r) => ctx.watched.has(r.toLowerCase()));
  if (covered.length === 0 || room === undefined) return;
  // Instances moved up to a day past the window are still read; one moved further is not judged.
  const last = Math.max(...covered.map((c) => Date.parse(c)));
  const instances = await ctx.calendar.listInstances(room, link.eventId, {
    from: now,
    to: new Date(last + 24 * 3600_000 + durationMinutesOf(master) * 60_000),
  });
  const drift = occurrenceDrift(covered, instances, meeting.occurrences, now);
  return { master, covered, instances, drift };
}

export function occurrencesFinding(link: Link, check: OccurrenceCheck): ReconcileFinding {
  return {
    kind: 'occurrences_differ',
    eventId: link.eventId,
    host: link.zoomHost ?? undefined,
    meetingId: link.zoomMeetingId ?? undefined,
    detail: `Zoom's occurrences differ from Google's instances: ${describeDrift(check.drift)}`,
    occurrences: check.drift,
  };
}

/**
 * Brings the series' Zoom occurrences back to Google's instances. First the store learns every
 * instance Google has that it does not know as Google has it (the class of bug where an exception
 * was never recorded), and each occurrence Zoom shows otherwise is marked drifted, so that the
 * usual instance plan applies it again (one occurrence call each). Occurrences of no instance are
 * deleted. An occurrence deleted in Zoom cannot be brought back alone: then the whole series is
 * updated and every exception applied again. Returns whether both sides agree afterwards.
 */
export async function fixOccurrences(
  ctx: PassContext,
  link: Link,
  check: OccurrenceCheck,
): Promise<boolean> {
  const meetingId = link.zoomMeetingId;
  if (meetingId === null) return false;
  const { store } = ctx;
  const differing = new Set([
    ...check.drift.moved.map((m) => m.originalStart),
    ...check.drift.extra,
  ]);
  const overrides = new Map(
    store.overrides.listForLink(link.eventId).map((o) => [isoInstant(o.originalStart), o]),
  );
  const toPlan: CalendarEvent[] = [];
  for (const instance of check.instances) {
    const original = originalStartOf(instance);
    if (original === undefined) continue;
    const drifted = differing.has(original);
    if (drifted) markDrifted(ctx, link.eventId, original, overrides.get(original), check.master);
    if (drifted || !storeKnows(instance, overrides.get(original), check.master))
      toPlan.push(instance);
  }
  const covered = new Set(check.covered.map(isoInstant));
  const strays = check.drift.extra.filter((start) => !covered.has(start));

  for (const instance of toPlan) await processEvent(instance, ctx);
  for (const start of strays) await deleteOccurrence(ctx, link.eventId, meetingId, start);
  if (check.drift.missing.length > 0) {
    // Only a series update re-expands Zoom's occurrences (every exception is applied after it).
    store.links.update(link.eventId, { zoomHash: null });
    await processEvent(check.master, ctx);
  }
  const current = store.links.get(link.eventId);
  if (current?.state !== 'linked' || current.zoomMeetingId === null) return false;
  const meeting = await ctx.meetings.getMeeting(current.zoomMeetingId, {
    showPreviousOccurrences: true,
  });
  if (!meeting) return false;
  const again = await checkOccurrences(ctx, current, meeting);
  return again === undefined || noDrift(again.drift);
}

const originalStartOf = (instance: CalendarEvent): string | undefined =>
  instance.kind === 'deleted' || instance.originalStartTime?.dateTime === undefined
    ? undefined
    : isoInstant(instance.originalStartTime.dateTime);

/**
 * Zoom shows this occurrence as no state the store applied: its override's applied hash says so
 * (an instance at its rule time gets an override "at rule time", so that it is moved back).
 */
function markDrifted(
  ctx: PassContext,
  eventId: string,
  originalStart: string,
  override: OccurrenceOverride | undefined,
  master: LiveEvent,
): void {
  ctx.store.overrides.put(
    override
      ? { ...override, appliedHash: zoomDrifted }
      : {
          eventId,
          originalStart,
          kind: 'moved',
          newStart: originalStart,
          newDurationMinutes: durationMinutesOf(master),
          appliedHash: zoomDrifted,
        },
  );
}

/** Whether the store records this instance as Google has it (an instance at rule time needs no record). */
function storeKnows(
  instance: CalendarEvent,
  override: OccurrenceOverride | undefined,
  master: LiveEvent,
): boolean {
  if (instance.kind === 'cancelledInstance') return override?.kind === 'deleted';
  if (instance.kind !== 'exception') return true;
  const start = isoInstant(instance.start.dateTime ?? '');
  const minutes = durationMinutesOf(instance);
  const atRule = start === originalStartOf(instance) && minutes === durationMinutesOf(master);
  if (!override) return atRule;
  return (
    override.kind === 'moved' &&
    isoInstant(override.newStart ?? override.originalStart) === start &&
    (override.newDurationMinutes ?? durationMinutesOf(master)) === minutes
  );
}
