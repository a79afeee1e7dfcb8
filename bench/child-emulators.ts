/**
 * Starts a sync benchmark's emulators in a child process (`emulators-child.ts`) and talks to them
 * over their control APIs: call counts, bookings made as a person would, the clock.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { GoogleSwitches } from '../src/emulators/google/index.js';
import type { Latency } from '../src/emulators/index.js';
import type { ZoomSwitchValues } from '../src/emulators/zoom/index.js';
import type { SeededBookings } from './seed-bookings.js';

export interface ChildSpec {
  now: string;
  rooms: number;
  perRoom: number;
  people: number;
  latency?: { google?: Latency; zoom?: Latency };
  switches?: { google?: Partial<GoogleSwitches>; zoom?: Partial<ZoomSwitchValues> };
}

export interface ChildInfo {
  zoom: {
    apiUrl: string;
    oauthUrl: string;
    controlUrl: string;
    accountId: string;
    clientId: string;
    clientSecret: string;
  };
  google: { rootUrl: string; tokenUrl: string; controlUrl: string; keyFile: string };
  domain: string;
  seeded: SeededBookings;
  /** The emulators' clock when they were ready. */
  clock: string;
}

export interface ChildEmulators extends ChildInfo {
  /** Calls both emulators answered, by route (control calls are never counted). */
  calls(): Promise<Record<string, number>>;
  resetCalls(): Promise<void>;
  /** A control call to one emulator, its JSON answer. */
  control(
    service: 'google' | 'zoom',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown>;
  close(): Promise<void>;
}

export async function startChildEmulators(spec: ChildSpec): Promise<ChildEmulators> {
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
  const info = JSON.parse(line) as ChildInfo;
  const base = (service: 'google' | 'zoom') =>
    service === 'google' ? info.google.controlUrl : info.zoom.controlUrl;
  const control = async (
    service: 'google' | 'zoom',
    method: string,
    path: string,
    body?: unknown,
  ): Promise<unknown> => {
    const response = await fetch(`${base(service)}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${service} ${method} ${path}: ${response.status} ${text}`);
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  return {
    ...info,
    control,
    async calls() {
      const out: Record<string, number> = {};
      for (const service of ['google', 'zoom'] as const) {
        const summary = (await control(service, 'GET', '/calls?log=false')) as {
          byRoute: Record<string, number>;
        };
        for (const [route, n] of Object.entries(summary.byRoute))
          out[route] = (out[route] ?? 0) + n;
      }
      return out;
    },
    async resetCalls() {
      await control('google', 'DELETE', '/calls');
      await control('zoom', 'DELETE', '/calls');
    },
    async close() {
      child.stdin.end();
      await exited;
    },
  };
}

/** The highest resident set size this process has had (Linux `VmHWM`), else the current one. */
export function peakRssBytes(): number {
  try {
    const status = readFileSync('/proc/self/status', 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    if (kb) return Number(kb) * 1024;
  } catch {
    // Not Linux.
  }
  return process.memoryUsage().rss;
}
