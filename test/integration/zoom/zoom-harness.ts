import { Writable } from 'node:stream';
import { configSchema, type ZoomConfig } from '../../../src/config/index.js';
import type {
  ApiCallEvent,
  ApiObserver,
  ApiQuotaEvent,
  ApiRetryEvent,
} from '../../../src/domain/api-observer.js';
import type { CallSummary, FaultSpec } from '../../../src/emulators/kit/index.js';
import {
  startZoomEmulator,
  type ZoomEmulator,
  type ZoomEmulatorOptions,
} from '../../../src/emulators/zoom/index.js';
import { createLogger } from '../../../src/log.js';
import {
  createZoomClient,
  type ZoomClient,
  type ZoomClientOptions,
} from '../../../src/zoom/index.js';

/**
 * The Zoom emulator on 127.0.0.1 (port 0) and the real client pointed at it, sharing the
 * emulator's clock. Faults, clock moves and call counts go through the emulator's control API over
 * HTTP, as any other user of the emulator would drive it.
 */

export const HOSTS = ['room1@example.com', 'room2@example.com'] as const;

export interface Observed {
  calls: ApiCallEvent[];
  retries: ApiRetryEvent[];
  quota: ApiQuotaEvent[];
}

export interface ZoomHarness {
  emulator: ZoomEmulator;
  client: ZoomClient;
  config: ZoomConfig;
  observed: Observed;
  /** Every log line the client wrote (JSON, debug level). */
  logLines: string[];
  /** Another client on the same emulator (a restart: empty token cache, empty budget book). */
  newClient(overrides?: Partial<ZoomConfig>, options?: ZoomClientOptions): ZoomClient;
  calls(): Promise<CallSummary>;
  /** Calls answered for one route, e.g. `GET /v2/meetings/:meetingId`. */
  count(route: string): Promise<number>;
  resetCalls(): Promise<void>;
  fault(spec: FaultSpec | FaultSpec[]): Promise<void>;
  setClock(iso: string): Promise<void>;
  expireTokens(): Promise<void>;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startZoomHarness(
  overrides: Partial<ZoomConfig> = {},
  emulatorOptions: ZoomEmulatorOptions = {},
): Promise<ZoomHarness> {
  const emulator = await startZoomEmulator({
    users: HOSTS.map((email) => ({ email, timezone: 'Europe/Berlin' })),
    ...emulatorOptions,
  });
  const config: ZoomConfig = {
    ...configSchema.parse({}).zoom,
    accountId: emulator.accountId,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    apiUrl: emulator.apiUrl,
    oauthUrl: emulator.oauthUrl,
    // Short delays keep the suite fast; the logic is the same at Zoom's pace.
    retryBaseMs: 5,
    retryMaxMs: 2_000,
    maxRetries: 3,
    requestTimeoutMs: 5_000,
    ...overrides,
  };
  const observed: Observed = { calls: [], retries: [], quota: [] };
  const observer: ApiObserver = {
    call: (event) => observed.calls.push(event),
    retry: (event) => observed.retries.push(event),
    quota: (event) => observed.quota.push(event),
  };
  const logLines: string[] = [];
  const logger = createLogger({
    level: 'debug',
    format: 'json',
    stream: new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    }),
  });
  const now = () => emulator.server.clock.now();
  const newClient = (more: Partial<ZoomConfig> = {}, options: ZoomClientOptions = {}) =>
    createZoomClient({ ...config, ...more }, { now, observer, logger, ...options });

  const control = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${emulator.controlUrl}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
    });
    if (!response.ok) throw new Error(`control ${method} ${path}: ${response.status}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  };
  const calls = async () => (await control('GET', '/calls')) as CallSummary;

  return {
    emulator,
    client: newClient(),
    config,
    observed,
    logLines,
    newClient,
    calls,
    count: async (route) => (await calls()).byRoute[route] ?? 0,
    resetCalls: async () => {
      await control('DELETE', '/calls');
    },
    fault: async (spec) => {
      await control('POST', '/faults', spec);
    },
    setClock: async (iso) => {
      await control('POST', '/clock', { set: iso });
    },
    expireTokens: async () => {
      await control('POST', '/tokens/expire');
    },
    control,
    close: () => emulator.close(),
  };
}

/** A wall-clock start `days` after `from` (YYYY-MM-DDTHH:mm:ss, no Z), as the engine sends it. */
export function wallTime(from: string, days: number, time = '09:00:00'): string {
  const day = new Date(Date.parse(from) + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

/** What a rejected promise rejected with (fails the test if it resolved). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
