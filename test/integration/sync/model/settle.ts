import type { PassSummary } from '../../../../src/sync/engine-types.js';
import { SETTLE_STEP_MS, type World } from './world.js';

const MAX_ROUNDS = 16;

/** Nothing done and nothing waiting: a pass that only read. */
export function isQuiet(summary: PassSummary): boolean {
  return (
    summary.meetingsCreated +
      summary.meetingsUpdated +
      summary.meetingsDeleted +
      summary.occurrencesChanged +
      summary.linksWritten +
      summary.linksRemoved +
      summary.failed +
      summary.deferred +
      summary.roomsFailed ===
    0
  );
}

/**
 * The faults cleared, then what the daemon does — a pass each minute, the window pass each hour —
 * until a pass and a window pass both do nothing (bounded). Between rounds the clock moves past
 * zoom.requestTimeoutMs and the retry backoff (an open intent settles, a failed booking is due);
 * while a booking waits for an occurrence in progress to end, it moves 15 minutes at a time.
 */
export async function settle(world: World): Promise<void> {
  const { h } = world;
  await h.zoomControl('DELETE', '/faults');
  await h.googleControl('DELETE', '/faults');
  const trail: string[] = [];
  let waited = 0;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const pass = await world.pass();
    const windows = await world.windowPass();
    if (isQuiet(pass) && isQuiet(windows)) return;
    trail.push(describe(pass), describe(windows));
    // A booking still deferred after a step past the intent timeout waits for an occurrence.
    waited = pass.deferred + windows.deferred > 0 ? waited + 1 : 0;
    h.advance(waited > 1 ? 15 * 60_000 : SETTLE_STEP_MS);
  }
  const stuck = world.app.store.links
    .list()
    .filter((l) => l.state === 'pending' || l.state === 'failed')
    .map((l) => `${l.eventId}: ${l.state} ${l.lastError ?? ''}`);
  throw new Error(
    `passes did not become quiet in ${MAX_ROUNDS} rounds:\n${trail.slice(-4).join('\n')}\n${stuck.join('\n')}`,
  );
}

function describe(s: PassSummary): string {
  const parts = Object.entries({
    created: s.meetingsCreated,
    updated: s.meetingsUpdated,
    deleted: s.meetingsDeleted,
    occurrences: s.occurrencesChanged,
    written: s.linksWritten,
    removed: s.linksRemoved,
    failed: s.failed,
    deferred: s.deferred,
    roomsFailed: s.roomsFailed,
  }).filter(([, n]) => n > 0);
  return parts.map(([k, n]) => `${k} ${n}`).join(', ');
}
