import type { LiveEvent } from '../../domain/calendar-event.js';
import type { Link } from '../../store/index.js';
import {
  isDecommissionable,
  planDecommission,
  type DecommissionItem,
  type DecommissionReport,
} from '../plan/plan-decommission.js';
import { writtenCopies } from '../plan/write-targets.js';
import { deleteWholeMeeting } from '../apply/apply-meetings.js';
import { deleteOccurrenceMeeting } from '../apply/apply-occurrences.js';
import { removeBlock } from '../apply/apply-writeback.js';
import type { PassContext } from '../apply/context.js';
import { describeError } from '../apply/failures.js';
import { recoverOpenIntents } from './intent-recovery.js';

/**
 * `zoomlink decommission`: zoomlink's undo. For every booking zoomlink links (in `rooms`, when
 * given) that is not over: the meetings this database recorded creating are deleted, and our
 * block, location and private property are taken out of every copy we wrote, the people's text
 * kept; the link is marked deleted and the booking decommissioned. A booking that is over is left
 * as history and only marked. Without `apply`, only the list of what would be done.
 *
 * Journaled like a create: the booking's entry is opened before its first call and advanced
 * after each step (`store.decommissions`), so a run killed half-way and started again does not
 * repeat a step recorded done; the one step in flight is repeated, and is harmless repeated (a
 * DELETE answered 404, a copy read and found without our block).
 */
export async function decommission(
  ctx: PassContext,
  options: { rooms?: readonly string[]; apply: boolean; signal?: AbortSignal },
): Promise<DecommissionReport> {
  const { store } = ctx;
  // A create a crash left open is settled first: its meeting, if Zoom made it, is ours to delete.
  if (options.apply) await recoverOpenIntents(ctx);
  const wanted = options.rooms?.map((r) => r.toLowerCase());
  const links = store.links
    .list()
    .filter(isDecommissionable)
    .filter((l) => !wanted || l.rooms.some((r) => wanted.includes(r.toLowerCase())));
  const report: DecommissionReport = {
    bookings: [],
    meetingsDeleted: 0,
    linksRemoved: 0,
    failed: 0,
  };
  for (const link of links) {
    if (options.signal?.aborted) break;
    report.bookings.push(await decommissionOne(ctx, link, options.apply));
  }
  report.meetingsDeleted = ctx.counts.meetingsDeleted;
  report.linksRemoved = ctx.counts.linksRemoved;
  report.failed = report.bookings.filter((b) => b.status === 'failed').length;
  return report;
}

async function decommissionOne(
  ctx: PassContext,
  link: Link,
  apply: boolean,
): Promise<DecommissionItem> {
  const { store } = ctx;
  const id = link.eventId;
  const occurrences =
    link.strategy === 'per_occurrence' ? store.occurrenceMeetings.listForLink(id) : [];
  const snapshot = store.links.getSnapshot(id);
  const live =
    snapshot && (snapshot.kind === 'single' || snapshot.kind === 'master')
      ? (snapshot as LiveEvent)
      : undefined;
  const plan = planDecommission(link, occurrences, live, store.decommissions.get(id), ctx.now());
  const item: DecommissionItem = {
    eventId: id,
    rooms: link.rooms,
    over: plan.over,
    meetings: [
      ...(plan.deleteMeeting === null ? [] : [plan.deleteMeeting]),
      ...plan.deleteOccurrenceMeetings.map((m) => m.meetingId),
    ],
    copies: plan.removeBlock ? writtenCopies(link).length : 0,
    status: plan.done ? 'already' : 'planned',
  };
  if (!apply || plan.done) return item;
  store.decommissions.open(id);
  try {
    if (plan.over) {
      store.decommissions.advance(id, 'done', 'over: its meeting and block are left as history');
    } else {
      if (plan.deleteMeeting !== null) await deleteWholeMeeting(ctx, id, plan.deleteMeeting);
      for (const m of plan.deleteOccurrenceMeetings)
        await deleteOccurrenceMeeting(ctx, id, m.meetingId, m.occurrenceStart);
      store.decommissions.advance(id, 'meetings_deleted');
      if (plan.removeBlock) await removeBlock(ctx, link);
      store.transaction(() => {
        store.links.markDeleted(id);
        store.decommissions.advance(id, 'done');
      });
    }
    item.status = 'done';
  } catch (error) {
    item.status = 'failed';
    item.error = describeError(error);
    ctx.logger.warn('decommissioning a booking failed; run decommission again to finish it', {
      eventId: id,
      error: item.error,
    });
  }
  return item;
}
