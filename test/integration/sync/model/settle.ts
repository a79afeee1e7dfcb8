import type { PassSummary } from '../../../../src/sync/index.js';
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
 * until both do nothing and no work is left (no open intent, no pending or failed link), bounded.
 * Before each round the clock moves on as it would while the daemon waits: past
 * zoom.requestTimeoutMs (an open intent settles), and on to the next attempt of a booking that
 * failed or waits (its backoff, or the end of an occurrence in progress), at most two hours.
 */
export async function settle(world: World): Promise<void> {
  const { h } = world;
  await h.zoomControl('DELETE', '/faults');
  await h.googleControl('DELETE', '/faults');
  const trail: string[] = [];
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    h.advance(nextStepMs(world));
    const pass = await world.pass();
    const windows = await world.windowPass();
    if (isQuiet(pass) && isQuiet(windows) && unfinished(world).length === 0) return;
    trail.push(`${describe(pass)} | ${describe(windows)}`);
  }
  throw new Error(
    `passes did not become quiet in ${MAX_ROUNDS} rounds:\n${trail.slice(-4).join('\n')}\n${unfinished(world).join('\n')}`,
  );
}

/** Open intents and links that are not done, as lines. */
function unfinished(world: World): string[] {
  const { store } = world.app;
  return [
    ...store.intents.listOpen().map((i) => `intent ${i.marker} of ${i.eventId}`),
    ...store.links
      .list()
      .filter((l) => l.state === 'pending' || l.state === 'failed')
      .map((l) => `${l.eventId}: ${l.state} until ${l.nextAttemptAt} ${l.lastError ?? ''}`),
  ];
}

function nextStepMs(world: World): number {
  const now = world.h.emulators.clock.nowMs();
  const due = world.app.store.links
    .list()
    .filter((l) => (l.state === 'pending' || l.state === 'failed') && l.nextAttemptAt)
    .map((l) => Date.parse(l.nextAttemptAt!) - now + 1_000);
  return Math.min(Math.max(SETTLE_STEP_MS, ...due), 2 * 3_600_000);
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
