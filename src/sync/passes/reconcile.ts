import { isPoolHost } from '../../config/schema.js';
import { recordAction } from '../apply/record-action.js';
import { findIntentMarker, type Link } from '../../store/index.js';
import type { ZoomMeeting } from '../../domain/zoom-meeting.js';
import { blockHashIn } from '../plan/block.js';
import { isLiveLink } from '../plan/booking-state.js';
import type { PassContext } from '../apply/context.js';
import type { ReconcileFinding, ReconcileReport } from '../plan/engine-types.js';
import { describeError } from '../apply/failures.js';
import { isLiveException } from '../plan/booking-state.js';
import { noDrift } from '../plan/occurrence-drift.js';
import { processEvent } from './process-event.js';
import { roomSettings } from '../plan/room-settings.js';
import {
  checkOccurrences,
  fixOccurrences,
  occurrencesFinding,
  type OccurrenceCheck,
} from './reconcile-occurrences.js';
import { writtenCopies } from '../plan/write-targets.js';
import { meetingDifference } from '../plan/meeting-difference.js';

/**
 * Compares what the store says with what Zoom and Google have: a linked meeting that no longer
 * exists, a block that is no longer in the event, a passcode changed in Zoom, a series whose
 * live Zoom occurrences are not Google's instances, and meetings that carry our marker but belong
 * to no booking. With `fix`, the booking is planned again (the meeting recreated, the block
 * rewritten), a series' occurrences are brought back to Google's, and orphans are deleted.
 */
export async function reconcile(
  ctx: PassContext,
  options: { fix: boolean; signal?: AbortSignal },
): Promise<ReconcileReport> {
  const findings: ReconcileFinding[] = [];
  let checked = 0;
  for (const link of ctx.store.links.list()) {
    if (options.signal?.aborted) break;
    if (!isLiveLink(link) || link.state === 'pending') continue;
    checked += 1;
    findings.push(...(await reconcileLink(ctx, link, options.fix)));
  }
  findings.push(...(await findOrphans(ctx, options)));
  return { checked, findings };
}

/**
 * One booking's check and, with `fix`, its repair: what the nightly pass does for each link, and
 * what a Zoom webhook about the booking's meeting triggers at once.
 */
export async function reconcileLink(
  ctx: PassContext,
  link: Link,
  fixWanted: boolean,
): Promise<ReconcileFinding[]> {
  // A booking of a room in observe mode is reported, never repaired: nothing is written for it.
  const observed = fixWanted && isObserved(ctx, link.rooms[0]);
  const fix = fixWanted && !observed;
  const { found, occurrences } = await checkLink(ctx, link);
  if (found.length > 0 && fix) {
    const fixed = await fixLink(ctx, link, found);
    for (const f of found) f.fixed = fixed;
  }
  // A series put back whole (meeting_changed) has had every exception applied again.
  const seriesPutBack = fix && found.some((f) => f.kind === 'meeting_changed');
  if (occurrences && !noDrift(occurrences.drift) && !seriesPutBack) {
    const finding = occurrencesFinding(link, occurrences);
    if (fix) finding.fixed = await fixOccurrences(ctx, link, occurrences);
    found.unshift(finding);
  }
  if (observed)
    for (const f of found) {
      f.fixed = false;
      f.detail += ' (not repaired: its room is in observe mode)';
    }
  return found;
}

function isObserved(ctx: PassContext, calendarId: string | undefined): boolean {
  return roomSettings(ctx.config, calendarId).mode === 'observe';
}

async function checkLink(
  ctx: PassContext,
  link: Link,
): Promise<{ found: ReconcileFinding[]; occurrences?: OccurrenceCheck }> {
  const findings: ReconcileFinding[] = [];
  let occurrences: OccurrenceCheck | undefined;
  const base = { eventId: link.eventId, host: link.zoomHost ?? undefined };
  const meetings =
    link.strategy === 'per_occurrence'
      ? ctx.store.occurrenceMeetings
          .listForLink(link.eventId)
          .filter((m) => Date.parse(m.occurrenceStart) > ctx.now().getTime())
          .map((m) => ({ id: m.zoomMeetingId, passcode: m.passcode }))
      : link.zoomMeetingId === null
        ? []
        : [{ id: link.zoomMeetingId, passcode: link.passcode }];
  for (const known of meetings) {
    // A series' occurrences are compared with Google's instances, those that have begun too.
    const series = link.strategy === 'series';
    const meeting = await ctx.meetings.getMeeting(known.id, { showPreviousOccurrences: series });
    if (meeting && series) occurrences = await checkOccurrences(ctx, link, meeting);
    if (!meeting) {
      findings.push({
        ...base,
        kind: 'meeting_missing',
        meetingId: known.id,
        detail: `meeting ${known.id} no longer exists in Zoom`,
      });
    } else if (link.strategy !== 'per_occurrence' && meetingChanges(ctx, link, meeting)) {
      findings.push({
        ...base,
        kind: 'meeting_changed',
        meetingId: known.id,
        detail: `meeting ${known.id} was changed in Zoom (${meetingChanges(ctx, link, meeting)}); the booking says otherwise`,
      });
    } else if ((meeting.password ?? null) !== known.passcode) {
      findings.push({
        ...base,
        kind: 'passcode_changed',
        meetingId: known.id,
        detail: `the passcode of meeting ${known.id} was changed in Zoom; the block shows the old one`,
      });
    }
  }
  for (const target of writtenCopies(link)) {
    let present = true;
    const result = await ctx.calendar.modifyEvent(target, (copy) => {
      present = blockHashIn(copy.description) === link.writebackHash;
      return null;
    });
    if (result.outcome !== 'gone' && !present)
      findings.push({
        ...base,
        kind: 'block_missing',
        meetingId: link.zoomMeetingId ?? undefined,
        detail: `the link block is missing or changed in ${target.calendarId}`,
      });
  }
  // Modified instances whose copies are not known to carry the series' block (written before
  // schema 3, or a write that failed): from the store, at no call; a fix writes them.
  const now = ctx.now();
  const stale = ctx.store.overrides
    .listForLink(link.eventId)
    .filter((o) => isLiveException(o, now) && o.writebackHash !== link.writebackHash);
  if (link.writebackHash !== null && stale.length > 0)
    findings.push({
      ...base,
      kind: 'block_missing',
      meetingId: link.zoomMeetingId ?? undefined,
      detail: `the link block is not known to be in ${stale.length} modified instance(s) of the series`,
    });
  return { found: findings, occurrences };
}

async function fixLink(
  ctx: PassContext,
  link: Link,
  findings: ReconcileFinding[],
): Promise<boolean> {
  const snapshot = ctx.store.links.getSnapshot(link.eventId);
  if (!snapshot || (snapshot.kind !== 'single' && snapshot.kind !== 'master')) return false;
  const { store } = ctx;
  for (const finding of findings) {
    if (finding.kind === 'meeting_missing' && finding.meetingId !== undefined) {
      if (link.strategy === 'per_occurrence') {
        const gone = store.occurrenceMeetings
          .listForLink(link.eventId)
          .find((m) => m.zoomMeetingId === finding.meetingId);
        if (gone) store.occurrenceMeetings.remove(link.eventId, gone.occurrenceStart);
      } else if (store.links.get(link.eventId)?.zoomMeetingId === finding.meetingId) {
        // Only the meeting found missing: a booking worked since may hold a new one already.
        store.links.update(link.eventId, { zoomMeetingId: null, zoomHash: null, state: 'pending' });
      }
    } else if (finding.kind === 'meeting_changed') {
      // The booking is planned as changed: the whole request is sent again (same meeting, same link).
      store.links.update(link.eventId, { zoomHash: null });
    } else if (finding.kind === 'passcode_changed' && finding.meetingId !== undefined) {
      const meeting = await ctx.meetings.getMeeting(finding.meetingId);
      const passcode = meeting?.password ?? null;
      const occurrence = store.occurrenceMeetings
        .listForLink(link.eventId)
        .find((m) => m.zoomMeetingId === finding.meetingId);
      if (occurrence) store.occurrenceMeetings.put({ ...occurrence, passcode });
      else store.links.update(link.eventId, { passcode });
    }
  }
  // Whatever was found, the block is written again from what the store now knows.
  store.links.update(link.eventId, { writebackHash: null });
  const before = ctx.counts.failed;
  await processEvent(snapshot, ctx);
  return ctx.counts.failed === before && store.links.get(link.eventId)?.state === 'linked';
}

/**
 * Meetings carrying zoomlink's marker that belong to no booking. One is deleted (with `fix`) only
 * when this database recorded creating it — its intent, with the same marker and host — and at
 * most `sync.reconcileMaxDeletes` in one run. Any other is reported and left alone: with an empty
 * or wrong database (a relative path started elsewhere, a restored backup, another installation
 * on the same Zoom account) every meeting of the real installation would look like an orphan.
 * A store with no link at all only reports.
 */
async function findOrphans(
  ctx: PassContext,
  options: { fix: boolean; signal?: AbortSignal },
): Promise<ReconcileFinding[]> {
  const findings: ReconcileFinding[] = [];
  const hosts = new Map<string, string>();
  const observedHosts = new Set<string>();
  for (const room of ctx.watched.values()) {
    // A room sharing the host pool is hosted by every pool host.
    const roomHosts = isPoolHost(room.zoomHost) ? ctx.config.rooms.hostPool : [room.zoomHost];
    for (const host of roomHosts) {
      hosts.set(host.toLowerCase(), host);
      if (isObserved(ctx, room.calendarId)) observedHosts.add(host.toLowerCase());
    }
  }
  const storeIsEmpty = ctx.store.links.list().length === 0;
  let deletes = 0;
  for (const host of hosts.values()) {
    if (options.signal?.aborted) break;
    for (const meeting of await ctx.meetings.listMeetings(host)) {
      const marker = findIntentMarker(meeting.agenda);
      if (!marker) continue;
      const intent = ctx.store.intents.get(marker);
      if (intent?.state === 'open') continue; // a create in flight
      const link = ctx.store.links.getByMeetingId(meeting.id);
      const owned =
        (link !== undefined && link.state !== 'deleted') ||
        ctx.store.occurrenceMeetings.getByMeetingId(meeting.id) !== undefined;
      if (owned) continue;
      const described = `meeting ${meeting.id} ("${meeting.topic}")`;
      if (intent === undefined || intent.zoomHost.toLowerCase() !== host.toLowerCase()) {
        findings.push({
          kind: 'unrecorded_meeting',
          meetingId: meeting.id,
          host,
          detail: `${described} carries zoomlink's marker, but this database has no record of creating it (another installation on the same Zoom account, a restored backup, or the wrong database.path): left alone`,
        });
        continue;
      }
      const finding: ReconcileFinding = {
        kind: 'orphan_meeting',
        meetingId: meeting.id,
        host,
        detail: `${described} was created by zoomlink for booking ${intent.eventId} but belongs to no booking now`,
      };
      findings.push(finding);
      if (!options.fix) continue;
      if (observedHosts.has(host.toLowerCase())) {
        finding.fixed = false;
        finding.detail += ' (not deleted: its host hosts a room in observe mode)';
      } else if (storeIsEmpty) {
        finding.fixed = false;
        finding.detail += ' (not deleted: the database holds no links, so reconcile only reports)';
      } else if (deletes >= ctx.config.sync.reconcileMaxDeletes) {
        finding.fixed = false;
        finding.detail += ` (not deleted: over sync.reconcileMaxDeletes, ${ctx.config.sync.reconcileMaxDeletes} per run)`;
      } else {
        deletes += 1;
        finding.fixed = await deleteOrphan(ctx, meeting.id, finding);
      }
    }
  }
  return findings;
}

async function deleteOrphan(
  ctx: PassContext,
  meetingId: number,
  finding: ReconcileFinding,
): Promise<boolean> {
  try {
    await ctx.meetings.deleteMeeting(meetingId);
    recordAction(ctx, {
      service: 'zoom',
      action: 'meeting.delete',
      target: String(meetingId),
      result: 'ok',
      detail: 'orphan (reconcile --fix)',
    });
    return true;
  } catch (error) {
    finding.detail += ` (delete failed: ${describeError(error)})`;
    return false;
  }
}

/** What differs between the meeting Zoom has and what the booking asks for, or '' (pure part). */
function meetingChanges(ctx: PassContext, link: Link, meeting: ZoomMeeting): string {
  const snapshot = ctx.store.links.getSnapshot(link.eventId);
  if (!snapshot || (snapshot.kind !== 'single' && snapshot.kind !== 'master')) return '';
  return meetingDifference(
    snapshot,
    link,
    meeting,
    { ...ctx.config, watched: ctx.watched },
    ctx.now(),
  );
}
