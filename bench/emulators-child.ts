/**
 * The emulators of a sync benchmark, in a process of their own (`child-emulators.ts` starts it),
 * so that the benchmark's process holds the engine alone and its CPU time and memory are the
 * engine's. Reads its spec from `BENCH_EMULATORS_SPEC`, seeds the bookings, prints one JSON line
 * (`ChildInfo`) and serves until its stdin closes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionsOf, startEmulators } from '../src/emulators/index.js';
import type { EmulatorsSpec } from './child-emulators.js';
import type { EmulatorsInfo } from './emulator-control.js';
import { seedBookings } from './seed-bookings.js';

const spec = JSON.parse(process.env.BENCH_EMULATORS_SPEC ?? '{}') as EmulatorsSpec;
const running = await startEmulators({
  seed: 'none',
  now: new Date(spec.now),
  ...(spec.latency ? { latency: spec.latency } : {}),
  ...(spec.switches ? { switches: spec.switches } : {}),
});
const { google, zoom, clock } = running.handles;
const dir = mkdtempSync(join(tmpdir(), 'zoomlink-bench-emulators-'));
const seeded = await seedBookings({ google, zoom }, spec);
const info: EmulatorsInfo = {
  ...connectionsOf(google, zoom, google.writeServiceAccountKeyFile(dir)),
  domain: google.domain,
  seeded,
  clock: clock.now().toISOString(),
};
process.stdout.write(`${JSON.stringify(info)}\n`);

const stop = async () => {
  await running.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.resume();
process.stdin.on('end', () => void stop());
process.on('SIGTERM', () => void stop());
