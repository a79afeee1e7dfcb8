import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from '../../../../src/cli/app.js';
import type { PassSummary } from '../../../../src/sync/index.js';
import { CrashPoint, startCrashProxy, type CrashProxy } from '../../../support/crash-proxy.js';
import { startSyncHarness, type SyncHarness } from '../sync-harness.js';

/**
 * The world the model test drives: both emulators (the sync harness's, with its helpers for what
 * people do) and the app — the whole of zoomlink, on a database file — talking to them through
 * crash proxies, so that a pass can be killed at any call and the app started again on the same
 * file. Settings small enough that windows move within a few weeks of emulated time.
 */
export const MODEL_SETTINGS = {
  zoom: { maxRetries: 1, requestTimeoutMs: 2000 },
  google: { maxRetries: 1 },
  sync: { roomParallelism: 2, retryBaseSeconds: 1, retryMaxSeconds: 2 },
  // A Zoom series covers 6 occurrences and moves on when fewer than 3 are ahead; rules Zoom
  // cannot express get one meeting per occurrence (checkable in time, unlike no_fixed_time).
  recurrence: {
    cap: 6,
    windowRenewBelow: 3,
    fallback: 'per_occurrence',
    perOccurrenceHorizonDays: 21,
  },
};

/** Past zoom.requestTimeoutMs and past the retry backoff: what the clock moves between passes. */
export const SETTLE_STEP_MS = 5_000;

export interface World {
  h: SyncHarness;
  app: App;
  /** Kills of the app so far. */
  kills: number;
  pass(): Promise<PassSummary>;
  windowPass(): Promise<PassSummary>;
  /** A pass killed at its `after`-th call (`late`: after the app read that answer). */
  crashPass(after: number, late: boolean): Promise<'killed' | 'completed'>;
  close(): Promise<void>;
}

export async function startWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'zoomlink-model-'));
  const database = join(dir, 'zoomlink.db');
  const h = await startSyncHarness({ ...MODEL_SETTINGS, database: { path: database } });
  h.app.close();
  const { info } = h.emulators;
  const proxies: CrashProxy[] = [];
  // Apps that were killed: their passes still wait on held calls; they are dropped, not awaited.
  const abandoned: Promise<unknown>[] = [];

  async function startApp(): Promise<{ app: App; crash: CrashPoint }> {
    const crash = new CrashPoint();
    const google = await startCrashProxy(new URL(info.google.rootUrl).origin, crash);
    const zoom = await startCrashProxy(new URL(info.zoom.apiUrl).origin, crash);
    proxies.push(google, zoom);
    const via = (url: string, proxy: CrashProxy) => url.replace(new URL(url).origin, proxy.url);
    const app = h.restart({
      zoom: { apiUrl: via(info.zoom.apiUrl, zoom), oauthUrl: via(info.zoom.oauthUrl, zoom) },
      google: {
        calendarRootUrl: via(info.google.rootUrl, google),
        directoryRootUrl: via(info.google.rootUrl, google),
        tokenUrl: via(info.google.tokenUrl, google),
      },
    });
    return { app, crash };
  }

  let current = await startApp();
  const world: World = {
    h,
    app: current.app,
    kills: 0,
    pass: () => current.app.engine.poll(),
    windowPass: () => current.app.engine.moveWindows(),
    async crashPass(after, late) {
      const died = current.crash.arm(after, late);
      const pass = current.app.engine.poll();
      const outcome = await Promise.race([
        pass.then(() => 'completed' as const),
        died.then(() => 'killed' as const),
      ]);
      if (outcome === 'completed') {
        current.crash.disarm();
        return outcome;
      }
      // What the app does before its next call (store writes only) happens, as it would in the
      // moment before SIGKILL lands; then the process is gone: its store closed, its calls held.
      await new Promise((resolve) => setTimeout(resolve, 20));
      abandoned.push(pass.catch(() => undefined));
      current.app.close();
      world.kills += 1;
      current = await startApp();
      world.app = current.app;
      return outcome;
    },
    async close() {
      current.app.close();
      for (const proxy of proxies) await proxy.close();
      await h.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return world;
}
