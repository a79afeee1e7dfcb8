/**
 * Talks to a benchmark's emulators (running in their own process) over their control APIs: call
 * counts by route, bookings made as a person would, resets. Used by the benchmark's orchestrator
 * and by the engine's process alike.
 */
import type { GoogleConnection, ZoomConnection } from '../src/emulators/index.js';
import type { SeededBookings } from './seed-bookings.js';

/** What the emulators' process says once it is ready (`emulators-child.ts`). */
export interface EmulatorsInfo {
  zoom: ZoomConnection;
  google: GoogleConnection;
  domain: string;
  seeded: SeededBookings;
  /** The emulators' clock when they were ready. */
  clock: string;
}

export type Service = 'google' | 'zoom';

export function emulatorControl(info: EmulatorsInfo) {
  const base = (service: Service) =>
    service === 'google' ? info.google.controlUrl : info.zoom.controlUrl;
  const control = async (
    service: Service,
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
    control,
    /** Calls both emulators answered, by route (control calls are never counted). */
    async calls(): Promise<Record<string, number>> {
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
    async resetCalls(): Promise<void> {
      await control('google', 'DELETE', '/calls');
      await control('zoom', 'DELETE', '/calls');
    },
  };
}
