/**
 * Starts a sync benchmark's emulators in a process of their own (`emulators-child.ts`), so that
 * the engine's process holds the engine alone.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GoogleSwitches } from '../src/emulators/google/index.js';
import type { Latency } from '../src/emulators/index.js';
import type { ZoomSwitchValues } from '../src/emulators/zoom/index.js';
import type { EmulatorsInfo } from './emulator-control.js';

export interface EmulatorsSpec {
  now: string;
  rooms: number;
  perRoom: number;
  people: number;
  latency?: { google?: Latency; zoom?: Latency };
  switches?: { google?: Partial<GoogleSwitches>; zoom?: Partial<ZoomSwitchValues> };
}

export interface ChildEmulators {
  info: EmulatorsInfo;
  close(): Promise<void>;
}

export async function startChildEmulators(spec: EmulatorsSpec): Promise<ChildEmulators> {
  const script = fileURLToPath(new URL('./emulators-child.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, BENCH_EMULATORS_SPEC: JSON.stringify(spec) },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the emulators' process exited (${code})`)));
  });
  return {
    info: JSON.parse(line) as EmulatorsInfo,
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}
