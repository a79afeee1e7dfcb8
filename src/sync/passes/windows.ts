import { bookingSpan } from '../plan/booking-span.js';
import type { PassCounts } from '../plan/engine-types.js';
import type { PassContext } from '../apply/context.js';
import { planEventSync } from '../plan/plan-event.js';
import { loadState, processEvent } from './process-event.js';

const windowActions = new Set([
  'updateMeeting',
  'createOccurrenceMeeting',
  'updateOccurrenceMeeting',
  'deleteOccurrenceMeeting',
  // A move that waits for an occurrence in progress: the poll after it is over makes it.
  'waitUntil',
]);

/**
 * The window pass: every linked series and per-occurrence booking is planned again from its
 * stored event at the current time; those whose covered occurrences are running out (or whose
 * per-occurrence horizon has moved) are moved forward — same meeting, same link. Others cost
 * nothing but the planning.
 */
export async function moveWindows(
  ctx: PassContext,
  options: { signal?: AbortSignal },
): Promise<PassCounts> {
  const links = ctx.store.links
    .listByState('linked')
    .filter((l) => l.strategy === 'series' || l.strategy === 'per_occurrence');
  const withoutEnd = new Set(ctx.store.links.listLinkedWithoutEnd());
  for (const link of links) {
    if (options.signal?.aborted) break;
    const snapshot = ctx.store.links.getSnapshot(link.eventId);
    if (!snapshot || (snapshot.kind !== 'master' && snapshot.kind !== 'single')) continue;
    // A series stored before its end was kept on the link (schema 2) gets it here, once.
    if (withoutEnd.has(link.eventId)) {
      const span = bookingSpan(snapshot);
      if (span?.endsAt) ctx.store.links.update(link.eventId, { span });
    }
    let moves: boolean;
    try {
      const plan = planEventSync(
        snapshot,
        loadState(ctx, link.eventId, snapshot),
        ctx.now(),
        ctx.config,
      );
      moves = plan.actions.some((a) => windowActions.has(a.kind));
    } catch {
      // One stored event that cannot be planned must not stop the pass for the links after it:
      // processing it records the failure on its own booking, as a poll does.
      moves = true;
    }
    if (!moves) continue;
    ctx.counts.eventsSeen += 1;
    await processEvent(snapshot, ctx);
  }
  return ctx.counts;
}
