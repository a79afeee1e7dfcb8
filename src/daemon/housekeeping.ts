import type { Store } from '../store/index.js';

const DAY_MS = 86_400_000;

/**
 * How long Zoom keeps a meeting after it happened: a scheduled (non-recurring) meeting expires 30
 * days after its time, a recurring one 365 days after it was last started
 * (support.zoom.us/hc/en-us/articles/214973206; the 30 days from universities' copies of Zoom's
 * guidance). Until then it is still listed among the host's meetings, where reconcile would take a
 * meeting carrying our marker but no link for an orphan and delete it: a link stays at least that
 * long after its booking ended.
 */
const zoomKeepsDays = { scheduled: 30, recurring: 365 };

/**
 * The store grows with every remote write (the audit log), every create (the intent journal) and
 * every booking (its link). All of it becomes history: the daily pass keeps `retentionDays` of
 * it, long enough to answer "what happened to this booking", and deletes the rest — audit entries
 * and settled intents older than that, links of bookings that ended before then (and whose Zoom
 * meetings Zoom no longer lists), deleted links and ignored ones. It never deletes a link that is
 * still work (pending, failed, an open intent), whose booking has not ended or has no known end
 * (an unbounded series), or whose meeting Zoom still lists.
 */
export function pruneHistory(
  store: Store,
  now: Date,
  retentionDays: number,
): { auditEntries: number; intents: number; links: number } {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const before = daysAgo(retentionDays);
  return store.transaction(() => ({
    auditEntries: store.audit.prune(before),
    intents: store.intents.prune(before),
    links: store.links.pruneHistory({
      before,
      scheduledEndedBefore: daysAgo(Math.max(retentionDays, zoomKeepsDays.scheduled)),
      recurringEndedBefore: daysAgo(Math.max(retentionDays, zoomKeepsDays.recurring)),
    }),
  }));
}
