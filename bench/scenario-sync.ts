/**
 * The sync bench's scenario, in the engine's process: the first sync, the poll that sees our own
 * write-back and a poll with no change, each with the calls it cost. On loopback the upstreams'
 * rate limiters are off: this measures the engine's own speed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PassSummary } from '../src/sync/plan/engine-types.js';
import { benchApp } from './bench-app.js';
import { emulatorControl, type EmulatorsInfo } from './emulator-control.js';

export interface SyncSpec {
  emulators: EmulatorsInfo;
}

export interface MeasuredPass {
  summary: PassSummary;
  ms: number;
  calls: Record<string, number>;
}

export interface SyncResult {
  first: MeasuredPass;
  writeBack: MeasuredPass;
  quiet: MeasuredPass;
  concurrency: number;
  baselineRssBytes: number;
  database: { bytes: number; links: number; auditEntries: number; queued: number };
}

export async function runSyncScenario(spec: SyncSpec): Promise<SyncResult> {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-sync-'));
  const emulators = emulatorControl(spec.emulators);
  const app = benchApp(spec.emulators, dir, { app: { rateLimits: false } });
  try {
    const baselineRssBytes = process.memoryUsage().rss;
    const pass = async (): Promise<MeasuredPass> => {
      await emulators.resetCalls();
      const started = performance.now();
      const summary = await app.engine.poll();
      const ms = performance.now() - started;
      return { summary, ms, calls: await emulators.calls() };
    };
    const first = await pass();
    const writeBack = await pass();
    const quiet = await pass();
    const stats = app.store.stats();
    return {
      first,
      writeBack,
      quiet,
      concurrency: app.config.sync.concurrency,
      baselineRssBytes,
      database: {
        bytes: stats.databaseBytes + stats.walBytes,
        links: stats.links,
        auditEntries: stats.auditEntries,
        queued: stats.queuedBookings,
      },
    };
  } finally {
    app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
