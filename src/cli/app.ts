import type { Config } from '../config/index.js';
import type { ApiObserver } from '../domain/api-observer.js';
import { createGoogleAdapter, type GoogleAdapter } from '../google/index.js';
import { logger as processLogger, type Logger } from '../log.js';
import { openStore, type Store } from '../store/index.js';
import { createRollout, createSyncEngine, type Rollout, type SyncEngine } from '../sync/index.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';
import { createZoomClient, requireZoomCredentials, type ZoomClient } from '../zoom/index.js';

/**
 * The composition root: from a configuration, the store, the Zoom client, the Google adapter and
 * the sync engine over them — what `zoomlink sync`, `reconcile` and the daemon run. `close()`
 * closes the store (the clients hold nothing that needs closing).
 */
export interface App {
  readonly config: Config;
  readonly store: Store;
  readonly zoom: ZoomClient;
  readonly google: GoogleAdapter;
  readonly engine: SyncEngine;
  /** `zoomlink plan` and `zoomlink decommission`, over the same parts. */
  readonly rollout: Rollout;
  readonly now: () => Date;
  /** The rate limiters of both upstreams as they stand (the status page, metrics, benches). */
  limiters(): RateLimiterStatus[];
  close(): void;
}

export interface AppOptions {
  /** The clock of the whole app (tests and rehearsals against the emulators move it). */
  now?: () => Date;
  logger?: Logger;
  /** Told of every API call, retry and quota change (the daemon's metrics). */
  observer?: ApiObserver;
  /**
   * `normal` trades durability across power loss for speed; only for benchmarks and throwaway
   * databases (the intent journal relies on `full`).
   */
  synchronous?: 'full' | 'normal';
  /**
   * Benchmarks only: `false` calls both upstreams without their rate limiters, to measure the
   * engine's own speed against the emulators on loopback (`npm run bench sync`).
   */
  rateLimits?: boolean;
}

export function createApp(config: Config, options: AppOptions = {}): App {
  const now = options.now ?? (() => new Date());
  const logger = options.logger ?? processLogger;
  const observer = options.observer ? { observer: options.observer } : {};
  const limits = options.rateLimits === false ? { rateLimits: false } : {};
  // Credentials first: a missing one is reported before a database file is made.
  requireZoomCredentials(config.zoom);
  const google = createGoogleAdapter(
    { google: config.google, rooms: config.rooms },
    { ...observer, ...limits, now, logger },
  );
  const store = openStore({
    path: config.database.path,
    now,
    ...(options.synchronous ? { synchronous: options.synchronous } : {}),
  });
  try {
    // Hosts' daily budgets live in the store: the client parks a host there, the engine reads it
    // there, and a host parked by an earlier process stays parked.
    // The user-level login (zoom.auth "user") is kept in the store too: its refresh token rotates.
    const zoom = createZoomClient(config.zoom, {
      ...observer,
      ...limits,
      now,
      logger,
      hosts: store.hosts,
      login: store.zoomLogin,
    });
    const parts = { store, calendar: google, meetings: zoom, config, logger, now };
    const engine = createSyncEngine(parts);
    const rollout = createRollout(parts);
    return {
      config,
      store,
      zoom,
      google,
      engine,
      rollout,
      now,
      limiters: () => [...zoom.rateLimits(), ...google.rateLimits()],
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

/** A clock that read `start` when the process began and runs on from there. */
export function clockFrom(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
