import type { Config } from '../config/index.js';
import { ConfigError } from '../config/index.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { SyncEngine } from '../sync/index.js';
import { cronTriggers, type TriggerSource } from './cron-triggers.js';
import { daemonEndpoints } from './daemon-endpoints.js';
import { daemonJobs } from './daemon-jobs.js';
import { daemonShutdown } from './daemon-shutdown.js';
import { startGooglePush, type GooglePush } from './google-push-setup.js';
import type { ChannelPort } from './push-channels.js';
import { startHttpServer, type Endpoints, type RunningHttpServer } from './http-server.js';
import type { DaemonMetrics } from './metrics.js';
import { createScheduler, type Scheduler } from './scheduler.js';
import type { InboundRoutes } from './inbound.js';
import { zoomWebhookEndpoint } from './zoom-webhook.js';
import type { RateLimiterStatus } from '../util/rate-limiter.js';

export { statusPageCacheMs } from './daemon-endpoints.js';

/**
 * `zoomlink run` without the process around it, put together from its parts: the jobs
 * (`daemon-jobs.ts`) in the scheduler's lane, the engine's workers beside it, the HTTP endpoints
 * (`daemon-endpoints.ts`), and the shutdown (`daemon-shutdown.ts`). The caller owns the store,
 * the engine, the lock and the signals; `stop()` lets no new work start, lets the pass and the
 * bookings in flight finish (bounded by `shutdown.timeoutSeconds`) and closes the server, and
 * the caller closes the store after it.
 */
export interface DaemonOptions {
  config: Config;
  mode: 'live' | 'demo';
  version: string;
  engine: SyncEngine;
  store: Store;
  metrics: DaemonMetrics;
  logger: Logger;
  now?: () => Date;
  /** Where schedule ticks come from; node-cron by default (tests fire them by hand). */
  triggers?: TriggerSource;
  /** The jitter's randomness, a number in [0, 1). */
  random?: () => number;
  /** The upstreams' rate limiters as they stand (the status page and metrics show their wait). */
  limiters?: () => RateLimiterStatus[];
  /** Google's channel calls (the adapter): with server.publicUrl set, rooms get push channels. */
  googleChannels?: ChannelPort;
}

export interface RunningDaemon {
  /** The status page's URL, when the server is enabled. */
  readonly url: string | undefined;
  readonly scheduler: Scheduler;
  /** Settles when the first poll (started at once, without waiting for the schedule) is over. */
  readonly firstPoll: Promise<void>;
  /** Google push, when server.publicUrl is set. */
  readonly push: GooglePush | undefined;
  stop(reason: string): Promise<{ drained: boolean }>;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { config, store, metrics, logger } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  assertTimeZone(config.sync.scheduleTimeZone);
  const triggers =
    options.triggers ?? cronTriggers({ timeZone: config.sync.scheduleTimeZone, logger });
  const push =
    config.server.enabled && config.server.publicUrl !== '' && options.googleChannels
      ? startGooglePush({ ...options, google: options.googleChannels, now, triggers })
      : undefined;

  const scheduler = createScheduler({
    jobs: daemonJobs({ ...options, now, push }),
    triggers,
    jitterMs: config.sync.jitterSeconds * 1000,
    logger,
    now,
    random: options.random,
    onRunFinished: (outcome) => metrics.recordRun(outcome),
    onSkipped: (job) => metrics.recordSkip(job),
  });
  // The server is closed by the shutdown and asks it whether the daemon is stopping; `stop` can
  // only be called once startDaemon has returned, so `server` is set by then.
  const zoomWebhook = zoomWebhookEndpoint({
    secret: config.zoom.webhookSecretToken,
    engine: options.engine,
    logger,
    now,
    record: (result) => metrics.recordWebhook('zoom', result),
    stopping: () => shutdown.stopping,
  });
  const shutdown = daemonShutdown({
    config,
    scheduler,
    // Google push first (no new reads; channels stopped), then the bookings in flight and the
    // checks Zoom's events started.
    stopWork: async () => {
      await push?.stop();
      await Promise.all([options.engine.stop(), zoomWebhook.settled()]);
    },
    logger,
    close: async () => server?.close(),
  });
  metrics.readFrom(() => (store.isOpen ? store : undefined), now);
  metrics.readWorkFrom({
    queue: () => options.engine.queueStatus(),
    limiters: options.limiters ?? (() => []),
  });
  options.engine.onWorked((counts) => metrics.recordWorked(counts));
  const inbound: InboundRoutes = new Map([
    ['/webhooks/zoom', zoomWebhook.handler],
    ...(push ? [push.inbound] : []),
  ]);
  const server = await serve(
    config,
    logger,
    daemonEndpoints({ ...options, scheduler, startedAt, now, stopping: () => shutdown.stopping }),
    inbound,
  );

  scheduler.start();
  const firstPoll = scheduler.runNow('poll').then(() => undefined);
  return {
    url: server?.url,
    scheduler,
    firstPoll,
    push,
    stop: (reason) => shutdown.stop(reason),
  };
}

async function serve(
  config: Config,
  logger: Logger,
  endpoints: Endpoints,
  inbound: InboundRoutes,
): Promise<RunningHttpServer | undefined> {
  if (!config.server.enabled) return undefined;
  const server = await startHttpServer({
    host: config.server.host,
    port: config.server.port,
    token: config.server.token,
    logger,
    endpoints,
    inbound,
  });
  logger.info('status page listening', { url: server.url });
  return server;
}

function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new ConfigError([
      `sync.scheduleTimeZone: ${JSON.stringify(timeZone)} is not an IANA time zone; use e.g. "UTC" or "Europe/Berlin".`,
    ]);
  }
}
