import type { Store } from '../store/index.js';

/**
 * The store grows with every remote write (the audit log) and every create (the intent
 * journal). Both are history once settled; the daily pass keeps `retentionDays` of it, long
 * enough to answer "what happened to this booking", and deletes the rest.
 */
export function pruneHistory(
  store: Store,
  now: Date,
  retentionDays: number,
): { auditEntries: number; intents: number } {
  const before = new Date(now.getTime() - retentionDays * 86_400_000);
  return store.transaction(() => ({
    auditEntries: store.audit.prune(before),
    intents: store.intents.prune(before),
  }));
}
