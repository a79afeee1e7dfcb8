import type { LiveEvent } from '../../domain/calendar-event.js';
import type { LinkSpan } from '../../store/index.js';
import { bookingSpan } from '../plan/booking-span.js';
import type { PassCounts } from '../plan/engine-types.js';
import type { PassContext } from '../apply/context.js';
import { processEvent } from './process-event.js';

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
 * nothing but the planning. A stored event that cannot be planned fails alone, on its booking.
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
      const span = spanOrNull(snapshot);
      if (span?.endsAt) ctx.store.links.update(link.eventId, { span });
    }
    const outcome = await processEvent(snapshot, ctx, {
      only: (plan) => plan.actions.some((a) => windowActions.has(a.kind)),
    });
    if (outcome !== 'notNeeded') ctx.counts.eventsSeen += 1;
  }
  return ctx.counts;
}

/** An event that cannot even be read has no known end; processing it records why. */
function spanOrNull(event: LiveEvent): LinkSpan | null {
  try {
    return bookingSpan(event);
  } catch {
    return null;
  }
}
