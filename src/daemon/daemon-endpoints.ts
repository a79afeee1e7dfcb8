import type { Config } from '../config/index.js';
import type { Store } from '../store/index.js';
import type { SyncEngine } from '../sync/index.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';
import type { Endpoints, JsonAnswer } from './http-server.js';
import type { DaemonMetrics } from './metrics.js';
import { readBooking } from './booking-model.js';
import { renderBookingPage, renderNoBookingPage } from './booking-page.js';
import { assessReadiness } from './readiness.js';
import type { Scheduler } from './scheduler.js';
import { renderStatusPage } from './status-page.js';
import { readStatus } from './status-model.js';
import { readPoolPage, zoomLoginProblem } from './status-pool.js';
import { createWeekCache } from './week-model.js';

/** How long one rendering of the status page serves further views. */
export const statusPageCacheMs = 3000;

export interface DaemonEndpointsOptions {
  config: Config;
  mode: 'live' | 'demo';
  version: string;
  store: Store;
  metrics: DaemonMetrics;
  scheduler: Scheduler;
  startedAt: Date;
  now: () => Date;
  /** True once the daemon was told to stop. */
  stopping: () => boolean;
  engine?: Pick<SyncEngine, 'queueStatus'>;
  limiters?: () => RateLimiterStatus[];
}

/** What the HTTP server answers: /healthz, /readyz, /metrics, the status page and booking pages. */
export function daemonEndpoints(options: DaemonEndpointsOptions): Endpoints {
  const { metrics } = options;
  return {
    health: () => health(options),
    ready: () => ready(options),
    metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
    statusPage: cachedStatusPage(options),
    bookingPage: (eventId) => bookingPage(options, eventId),
  };
}

/** A booking's page, read afresh (one booking: cheap); the 404 page when no link has the id. */
function bookingPage(
  { config, store, mode, now }: DaemonEndpointsOptions,
  eventId: string,
): { found: boolean; html: string } {
  const model =
    eventId === '' || !store.isOpen
      ? undefined
      : readBooking(store, eventId, now(), { mode, convert: config.recurrence });
  return model
    ? { found: true, html: renderBookingPage(model) }
    : { found: false, html: renderNoBookingPage(eventId) };
}

/** Alive: started, not stopping, and no pass running longer than server.healthMaxBusySeconds. */
function health(options: DaemonEndpointsOptions): JsonAnswer {
  const { config, scheduler, now } = options;
  const running = scheduler.running();
  const busySeconds = running ? (now().getTime() - running.since.getTime()) / 1000 : 0;
  const stuck = busySeconds > config.server.healthMaxBusySeconds;
  const alive = scheduler.started && !scheduler.stopping && !stuck;
  return {
    ok: alive,
    body: {
      status: alive ? 'ok' : options.stopping() ? 'shutting down' : stuck ? 'stuck' : 'starting',
      ...(stuck
        ? {
            reason: `the ${running?.name} pass has run for ${Math.round(busySeconds)} s, longer than server.healthMaxBusySeconds (${config.server.healthMaxBusySeconds} s)`,
          }
        : {}),
      mode: options.mode,
      version: options.version,
      uptimeSeconds: Math.round((now().getTime() - options.startedAt.getTime()) / 1000),
      running: running ? { job: running.name, seconds: Math.round(busySeconds) } : null,
      jobs: scheduler.status().map((job) => ({
        name: job.name,
        state: job.state,
        runs: job.runs,
        failures: job.failures,
        lastStartedAt: job.lastStartedAt,
        lastOk: job.lastOk,
        nextRunAt: job.nextRunAt,
      })),
    },
  };
}

/** Ready: every room had a good poll within server.readyMaxLagSeconds. */
function ready({ config, store, now, stopping }: DaemonEndpointsOptions): JsonAnswer {
  if (stopping() || !store.isOpen)
    return { ok: false, body: { status: 'not ready', reason: 'shutting down' } };
  const readiness = assessReadiness(store.rooms.list(), now(), config.server.readyMaxLagSeconds);
  // A refused user-level Zoom login stops Zoom work: not ready until someone logs in again.
  const login = zoomLoginProblem(store, config);
  if (login)
    return { ok: false, body: { status: 'not ready', ...readiness, ready: false, reason: login } };
  return {
    ok: readiness.ready,
    body: { status: readiness.ready ? 'ready' : 'not ready', ...readiness },
  };
}

/**
 * Reading a large store for the page costs real time (every linked booking's snapshot), and the
 * page reloads itself every few seconds in every open browser: one rendering serves all views for
 * a few seconds.
 */
function cachedStatusPage(options: DaemonEndpointsOptions): () => string {
  const { config, store, scheduler, now } = options;
  let cached: { html: string; at: number } | undefined;
  const weekCache = createWeekCache();
  return () => {
    const at = now().getTime();
    if (cached && at - cached.at < statusPageCacheMs && at >= cached.at) return cached.html;
    const html = renderStatusPage({
      ...readStatus(
        store,
        {
          mode: options.mode,
          version: options.version,
          startedAt: options.startedAt,
          jobs: scheduler.status(),
          readyMaxLagSeconds: config.server.readyMaxLagSeconds,
          work: {
            inFlight: options.engine?.queueStatus().inFlight ?? 0,
            limiters: options.limiters?.() ?? [],
          },
        },
        now(),
        weekCache,
      ),
      zoomAccounts: readPoolPage(store, config, now()),
    });
    cached = { html, at };
    return html;
  };
}
