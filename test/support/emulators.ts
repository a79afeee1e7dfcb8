import { startEmulators, type RunningEmulators, type Seed } from '../../src/emulators/index.js';
import type { GoogleEmulator } from '../../src/emulators/google/index.js';
import type { Clock } from '../../src/emulators/kit/index.js';
import type { ZoomEmulator } from '../../src/emulators/zoom/index.js';

export interface TestEmulators {
  google: GoogleEmulator;
  zoom: ZoomEmulator;
  /** The clock both emulators read (set to `now` when given). */
  clock: Clock;
  /** What `zoomlink emulators` prints: URLs, credentials, `env`, rooms, people. */
  info: RunningEmulators;
  /** Environment that points zoomlink at these emulators (the `env` of the JSON line). */
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

/**
 * Both emulators on 127.0.0.1, port 0, sharing one clock, seeded like `zoomlink emulators`
 * (`org` by default: the rooms, their Zoom hosts and the people of `src/emulators/org.ts`).
 * Pass `now` so a test does not depend on the date it runs on.
 */
export async function startTestEmulators(
  options: { seed?: Seed; now?: Date } = {},
): Promise<TestEmulators> {
  const info = await startEmulators({
    seed: options.seed ?? 'org',
    now: options.now,
    googlePort: 0,
    zoomPort: 0,
  });
  const { google, zoom, clock } = info.handles;
  return { google, zoom, clock, info, env: info.env, cleanup: () => info.close() };
}
