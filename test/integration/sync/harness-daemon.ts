import { createDaemonMetrics, type DaemonMetrics } from '../../../src/daemon/metrics.js';
import { startDaemon, type DaemonOptions, type RunningDaemon } from '../../../src/daemon/daemon.js';
import { quiet, type SyncHarness } from './sync-harness.js';

/**
 * The real daemon over a sync harness's app: its config, engine and store, a metrics registry of
 * its own, a quiet logger, the emulators' clock; `more` adds or replaces options (triggers,
 * Google channels).
 */
export async function startHarnessDaemon(
  h: SyncHarness,
  more: Partial<DaemonOptions> = {},
): Promise<{ daemon: RunningDaemon; metrics: DaemonMetrics }> {
  const metrics = createDaemonMetrics({ version: 'test', mode: 'live' });
  const daemon = await startDaemon({
    config: h.config,
    mode: 'live',
    version: 'test',
    engine: h.app.engine,
    store: h.app.store,
    metrics,
    logger: quiet,
    now: () => h.emulators.clock.now(),
    ...more,
  });
  return { daemon, metrics };
}
