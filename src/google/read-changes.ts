import type { AdapterContext } from './adapter-context.js';
import { listEventPages } from './list-events.js';
import type { EventPage } from '../domain/calendar-write.js';

const dayMs = 24 * 3600 * 1000;

/**
 * Everything that changed on one room calendar since `syncToken`, page by page (incremental sync
 * guide, developers.google.com/workspace/calendar/api/guides/sync): without a token a full sync,
 * bounded by `timeMin` = now − `google.fullSyncDaysBack` days when that is > 0; with one, the same
 * query plus `syncToken` and none of the parameters Google forbids with it (timeMin, timeMax,
 * orderBy, q, updatedMin…). `singleEvents=false` returns masters and exceptions rather than every
 * instance. `showDeleted=true` on both: an incremental sync must not send `showDeleted=false`, and
 * the guide asks for the same parameters on both. Only the last page carries `nextSyncToken`. A 410
 * on an incremental sync throws `GOOGLE_FULL_SYNC_REQUIRED`.
 */
export async function* readChanges(
  ctx: AdapterContext,
  calendarId: string,
  syncToken: string | null,
): AsyncGenerator<EventPage> {
  const days = ctx.google.fullSyncDaysBack;
  const bound =
    syncToken === null && days > 0
      ? { timeMin: new Date(ctx.now().getTime() - days * dayMs).toISOString() }
      : {};
  const query = syncToken === null ? bound : { syncToken };
  for await (const page of listEventPages(ctx, calendarId, {
    ...query,
    singleEvents: false,
    showDeleted: true,
  })) {
    if (page.last && !page.nextSyncToken)
      ctx.logger.warn('google gave no sync token on the last page', { calendarId });
    const out: EventPage = { events: page.events };
    if (page.nextSyncToken) out.nextSyncToken = page.nextSyncToken;
    yield out;
  }
}
