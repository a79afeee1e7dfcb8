import { recordAction } from './record-action.js';
import type { CalendarEvent, LiveEvent } from '../../domain/calendar-event.js';
import { CrossLayerCodes } from '../../domain/error-codes.js';
import type { Link } from '../../store/index.js';
import {
  blockHashIn,
  ourJoinUrls,
  withBlock,
  withoutBlock,
  type BlockMeeting,
} from '../plan/block.js';
import type { PassContext } from './context.js';
import type { EventCopyRef, EventPatch } from '../../domain/ports.js';
import { isLiveException } from '../plan/booking-state.js';
import { roomSettings } from '../plan/room-settings.js';
import { writeTargets, writtenCopies } from '../plan/write-targets.js';
import { errorCode } from './failures.js';
import { madeHere } from './our-meetings.js';
import { meetingIdOfLink } from '../../invitation/index.js';

const DAY_MS = 24 * 3600 * 1000;

/** The private extended property that names the meeting on the copy we wrote. */
export const meetingIdProperty = 'zoomlinkMeetingId';

/** The meetings the block links to: the booking's own, or the per-occurrence ones ahead. */
function blockMeetings(ctx: PassContext, link: Link, zone: string): BlockMeeting[] {
  const passcode = (p: string | null) => (p ? { passcode: p } : {});
  if (link.strategy !== 'per_occurrence') {
    if (link.zoomMeetingId === null || link.joinUrl === null) return [];
    return [{ meetingId: link.zoomMeetingId, joinUrl: link.joinUrl, ...passcode(link.passcode) }];
  }
  const now = ctx.now().getTime();
  return ctx.store.occurrenceMeetings
    .listForLink(link.eventId)
    .filter((m) => Date.parse(m.occurrenceStart) + m.durationMinutes * 60_000 > now)
    .map((m) => ({
      meetingId: m.zoomMeetingId,
      joinUrl: m.joinUrl,
      ...passcode(m.passcode),
      start: new Date(m.occurrenceStart),
      timezone: zone,
    }));
}

/**
 * Writes our block (replaced whole, people's text around it kept), the join URL as the location
 * when the location is empty or is a join URL of ours (one our current block names, or a meeting
 * this database made: a series split off ours copies its location), and the
 * meeting id as a private property, into the copies `writeTargets` names: the organizer's, or
 * each room's that holds the booking. Costs one read per copy, and one patch where something
 * differs.
 */
export async function writeBack(ctx: PassContext, link: Link, event: LiveEvent): Promise<void> {
  const meetings = blockMeetings(ctx, link, event.start.timeZone ?? 'UTC');
  if (meetings.length === 0) return;
  const targets = writeTargets(ctx.calendar, link, event);
  // The copy about to be written is recorded first: a crash after Google took the write leaves
  // it known, so that the booking's removal takes the block out again.
  if (link.writebackCalendarId === null)
    ctx.store.links.update(link.eventId, {
      writebackCalendarId: targets[0]!.calendarId,
      writebackAs: targets[0]!.actAs,
    });
  let hash: string | undefined;
  for (const target of targets) {
    const written = await writeBlock(ctx, link, target, meetings);
    hash ??= written;
  }
  // Every copy of the booking (deleted meanwhile: the next poll brings the deletion) was seen.
  if (hash === undefined) return;
  ctx.store.links.update(link.eventId, {
    writebackHash: hash,
    writebackCalendarId: targets[0]!.calendarId,
    writebackAs: targets[0]!.actAs,
    joinUrl: meetings[0]!.joinUrl,
  });
}

/**
 * Writes the series' block into the copies of its live exceptions whose recorded block is not the
 * link's (just written by the series' own write-back), and records it on each. A copy that is
 * gone is recorded too: its cancellation comes with the next poll.
 */
export async function writeExceptionBlocks(
  ctx: PassContext,
  link: Link,
  master: LiveEvent,
): Promise<void> {
  if (link.writebackHash === null) return;
  const meetings = blockMeetings(ctx, link, master.start.timeZone ?? 'UTC');
  if (meetings.length === 0) return;
  const now = ctx.now();
  for (const override of ctx.store.overrides.listForLink(link.eventId)) {
    if (!isLiveException(override, now) || override.writebackHash === link.writebackHash) continue;
    const exception = override.eventSnapshot as LiveEvent;
    for (const target of writeTargets(ctx.calendar, link, exception, exception.eventId))
      await writeBlock(ctx, link, target, meetings);
    ctx.store.overrides.put({ ...override, writebackHash: link.writebackHash });
  }
}

/** Writes the block into one copy; returns the block's hash, or undefined when the copy is gone. */
async function writeBlock(
  ctx: PassContext,
  link: Link,
  target: EventCopyRef,
  meetings: BlockMeeting[],
): Promise<string | undefined> {
  // The host room's language (the first room the link records: the booking's host room).
  const content = { lang: roomSettings(ctx.config, link.rooms[0]).invitationLang, meetings };
  const single = link.strategy === 'per_occurrence' ? undefined : meetings[0];
  const { google } = ctx.config;
  let hash = '';
  const result = await ctx.calendar.modifyEvent(target, (copy) => {
    const written = withBlock(copy.description, content);
    hash = written.hash;
    const patch: EventPatch = {
      description: written.description,
      privateProperties: { [meetingIdProperty]: String(meetings[0]!.meetingId) },
    };
    const location = copy.location.trim();
    const ours =
      location !== '' &&
      (ourJoinUrls(copy.description).includes(location) ||
        madeHere(ctx.store, meetingIdOfLink(location)));
    if (single && google.writeLocation && (location === '' || ours))
      patch.location = single.joinUrl;
    // One meeting per occurrence has no one link for the location: ours from before goes.
    else if (!single && ours) patch.location = '';
    if (single && google.writeConferenceData)
      patch.conference = {
        meetingId: String(single.meetingId),
        joinUrl: single.joinUrl,
        ...(single.passcode ? { passcode: single.passcode } : {}),
      };
    return patch;
  });
  auditGoogle(ctx, 'event.writeback', target, link, result.outcome);
  if (result.outcome === 'gone') return undefined;
  if (result.outcome === 'written') ctx.counts.linksWritten += 1;
  return hash;
}

/**
 * Takes our block, our location and our property out of the copies we wrote (`calendarIds`:
 * only those rooms' copies), where they still exist.
 */
export async function removeBlock(
  ctx: PassContext,
  link: Link,
  calendarIds?: readonly string[],
): Promise<void> {
  const only = calendarIds && new Set(calendarIds.map((id) => id.toLowerCase()));
  const copies = (eventId: string) =>
    writtenCopies(link, eventId).filter(
      (target) => !only || only.has(target.calendarId.toLowerCase()),
    );
  await removeFrom(ctx, link, copies(link.eventId));
  // The live exceptions we wrote carry it too.
  const now = ctx.now();
  const done = new Set<string>();
  for (const override of ctx.store.overrides.listForLink(link.eventId)) {
    if (override.writebackHash === null || !isLiveException(override, now)) continue;
    const eventId = (override.eventSnapshot as LiveEvent).eventId;
    await removeFrom(ctx, link, copies(eventId));
    done.add(eventId);
    if (!only) ctx.store.overrides.put({ ...override, writebackHash: null });
  }
  if (!only && link.strategy !== 'single') await removeFromUnknownExceptions(ctx, link, done);
}

/**
 * A series' occurrence modified before zoomlink saw it (Google starts a new exception as a copy of
 * the series, our block included) is not in the store when the booking goes in the same pass: its
 * copies are found by reading the series' instances ahead, and the block taken out where it is.
 */
async function removeFromUnknownExceptions(
  ctx: PassContext,
  link: Link,
  done: ReadonlySet<string>,
): Promise<void> {
  const now = ctx.now();
  const until = Math.max(Date.parse(link.windowTo ?? '') || 0, now.getTime()) + 366 * DAY_MS;
  for (const target of writtenCopies(link)) {
    let instances: CalendarEvent[];
    try {
      instances = await ctx.calendar.listInstances(
        target.calendarId,
        link.eventId,
        { from: now, to: new Date(until) },
        target.actAs,
      );
    } catch (error) {
      if (errorCode(error) === CrossLayerCodes.googleNotFound) continue; // the series is gone
      throw error;
    }
    for (const instance of instances) {
      if (instance.kind !== 'exception' || done.has(instance.eventId)) continue;
      if (blockHashIn(instance.description) === undefined) continue;
      await removeFrom(ctx, link, [{ ...target, eventId: instance.eventId }]);
    }
  }
}

async function removeFrom(ctx: PassContext, link: Link, targets: EventCopyRef[]): Promise<void> {
  const { google } = ctx.config;
  for (const target of targets) {
    const result = await ctx.calendar.modifyEvent(target, (copy) => {
      const patch: EventPatch = {
        description: withoutBlock(copy.description),
        privateProperties: { [meetingIdProperty]: null },
      };
      if (link.joinUrl && copy.location.trim() === link.joinUrl) patch.location = '';
      if (google.writeConferenceData && copy.conferenceSolutionType === 'addOn')
        patch.conference = null;
      return patch;
    });
    auditGoogle(ctx, 'event.unlink', target, link, result.outcome);
    if (result.outcome === 'written') ctx.counts.linksRemoved += 1;
  }
}

function auditGoogle(
  ctx: PassContext,
  action: string,
  target: EventCopyRef,
  link: Pick<Link, 'eventId' | 'zoomMeetingId'>,
  outcome: string,
): void {
  recordAction(ctx, {
    service: 'google',
    action,
    target: `${target.calendarId}/${target.eventId}`,
    result: 'ok',
    eventId: link.eventId,
    meetingId: link.zoomMeetingId ?? undefined,
    detail: outcome,
  });
}
