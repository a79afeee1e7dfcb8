import type { Config } from '../config/index.js';
import { pruneHistory } from './housekeeping.js';
import { ConfigError } from '../config/index.js';
import { describeError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/index.js';
import type { PassSummary, SyncEngine } from '../sync/index.js';
import { assertCronExpression, cronTriggers, type TriggerSource } from './cron-triggers.js';
import { startHttpServer, type JsonAnswer, type RunningHttpServer } from './http-server.js';
import type { DaemonMetrics } from './metrics.js';
import { assessReadiness } from './readiness.js';
import { createScheduler, type Job, type Scheduler } from './scheduler.js';
import { renderStatusPage } from './status-page.js';
import { readStatus } from './status-model.js';

/**
 * `zoomlink run` without the process around it: the scheduler driving the engine, and the HTTP
 * server showing how it goes. The caller owns the store, the engine, the lock and the signals;
 * `stop()` lets no new work start, lets the pass in flight finish (bounded by
 * `shutdown.timeoutSeconds`) and closes the server, and the caller closes the store after it.
 */
/** How long one rendering of the status page serves further views. */
export const statusPageCacheMs = 3000;

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
}

export interface RunningDaemon {
  /** The status page's URL, when the server is enabled. */
  readonly url: string | undefined;
  readonly scheduler: Scheduler;
  /** Settles when the first poll (started at once, without waiting for the schedule) is over. */
  readonly firstPoll: Promise<void>;
  stop(reason: string): Promise<{ drained: boolean }>;
}

export async function startDaemon(options: DaemonOptions): Promise<RunningDaemon> {
  const { config, engine, store, metrics, logger } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now();
  validateSchedules(config);

  // Open intents left by a crash are settled before the first poll, inside the lane (so a
  // shutdown waits for it like for any pass, and the HTTP server answers meanwhile).
  let recovered = false;
  const passJob = (
    name: 'poll' | 'windows',
    schedule: string,
    pass: (signal: AbortSignal) => Promise<PassSummary>,
  ): Job => ({
    name,
    schedule,
    run: async (signal) => {
      const summary = await pass(signal);
      metrics.recordPass(name, summary);
      logPass(logger, name, summary);
    },
  });
  const jobs: Job[] = [
    passJob('poll', config.sync.schedule, async (signal) => {
      if (!recovered) {
        recovered = true;
        await recoverInterruptedCreates(engine, logger);
      }
      return engine.poll({ signal });
    }),
    passJob('windows', config.sync.windowSchedule, (signal) => engine.moveWindows({ signal })),
    {
      name: 'reconcile',
      schedule: config.sync.reconcileSchedule,
      run: async (signal) => {
        const report = await engine.reconcile({ fix: config.sync.reconcileFix, signal });
        metrics.recordReconcile(report);
        const pruned = pruneHistory(store, now(), config.database.historyRetentionDays);
        logger.info('reconcile pass done', {
          checked: report.checked,
          findings: report.findings.length,
          fixed: report.findings.filter((f) => f.fixed).length,
          prunedAuditEntries: pruned.auditEntries,
          prunedIntents: pruned.intents,
          prunedLinks: pruned.links,
        });
      },
    },
  ];

  const scheduler = createScheduler({
    jobs,
    triggers: options.triggers ?? cronTriggers({ timeZone: config.sync.scheduleTimeZone, logger }),
    jitterMs: config.sync.jitterSeconds * 1000,
    logger,
    now,
    random: options.random,
    onRunFinished: (outcome) => metrics.recordRun(outcome),
    onSkipped: (job) => metrics.recordSkip(job),
  });

  let stopping = false;
  metrics.readFrom(() => (store.isOpen ? store : undefined), now);

  const health = (): JsonAnswer => {
    const running = scheduler.running();
    const busySeconds = running ? (now().getTime() - running.since.getTime()) / 1000 : 0;
    const stuck = busySeconds > config.server.healthMaxBusySeconds;
    const alive = scheduler.started && !scheduler.stopping && !stuck;
    return {
      ok: alive,
      body: {
        status: alive ? 'ok' : stopping ? 'shutting down' : stuck ? 'stuck' : 'starting',
        ...(stuck
          ? {
              reason: `the ${running?.name} pass has run for ${Math.round(busySeconds)} s, longer than server.healthMaxBusySeconds (${config.server.healthMaxBusySeconds} s)`,
            }
          : {}),
        mode: options.mode,
        version: options.version,
        uptimeSeconds: Math.round((now().getTime() - startedAt.getTime()) / 1000),
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
  };

  const ready = (): JsonAnswer => {
    if (stopping || !store.isOpen)
      return { ok: false, body: { status: 'not ready', reason: 'shutting down' } };
    const readiness = assessReadiness(store.rooms.list(), now(), config.server.readyMaxLagSeconds);
    return {
      ok: readiness.ready,
      body: { status: readiness.ready ? 'ready' : 'not ready', ...readiness },
    };
  };

  // Reading a large store for the page costs real time (every linked booking's snapshot), and
  // the page reloads itself every few seconds in every open browser: one rendering serves all
  // views for a few seconds.
  let cachedPage: { html: string; at: number } | undefined;
  const statusPage = (): string => {
    const at = now().getTime();
    if (cachedPage && at - cachedPage.at < statusPageCacheMs && at >= cachedPage.at)
      return cachedPage.html;
    const html = renderStatusPage(
      readStatus(
        store,
        {
          mode: options.mode,
          version: options.version,
          startedAt,
          jobs: scheduler.status(),
          readyMaxLagSeconds: config.server.readyMaxLagSeconds,
        },
        now(),
      ),
    );
    cachedPage = { html, at };
    return html;
  };

  let server: RunningHttpServer | undefined;
  if (config.server.enabled) {
    server = await startHttpServer({
      host: config.server.host,
      port: config.server.port,
      token: config.server.token,
      logger,
      endpoints: {
        health,
        ready,
        metrics: async () => ({ contentType: metrics.contentType, body: await metrics.render() }),
        statusPage,
      },
    });
    logger.info('status page listening', { url: server.url });
  }

  scheduler.start();
  const firstPoll = scheduler.runNow('poll').then(() => undefined);

  return {
    url: server?.url,
    scheduler,
    firstPoll,
    async stop(reason) {
      if (stopping) return { drained: true };
      stopping = true;
      const running = scheduler.running();
      logger.info('shutting down: no new work; waiting for the pass in flight', {
        reason,
        running: running?.name ?? null,
        timeoutSeconds: config.shutdown.timeoutSeconds,
      });
      const result = await scheduler.stop(config.shutdown.timeoutSeconds * 1000);
      await server?.close();
      if (result === 'timed_out') {
        logger.warn(
          'shutdown timed out: the pass in flight was abandoned; its journaled Zoom creates are recovered on the next start',
          { job: running?.name ?? null, timeoutSeconds: config.shutdown.timeoutSeconds },
        );
      }
      return { drained: result === 'drained' };
    },
  };
}

async function recoverInterruptedCreates(engine: SyncEngine, logger: Logger): Promise<void> {
  try {
    const { adopted, abandoned } = await engine.recover();
    if (adopted + abandoned > 0)
      logger.info('recovered interrupted meeting creates', { adopted, abandoned });
  } catch (error) {
    // The engine settles each booking's own open intent before planning it; the poll goes on.
    logger.warn('recovery of interrupted creates failed; the poll goes on', {
      error: describeError(error),
    });
  }
}

function validateSchedules(config: Config): void {
  assertCronExpression('sync.schedule', config.sync.schedule);
  assertCronExpression('sync.windowSchedule', config.sync.windowSchedule);
  assertCronExpression('sync.reconcileSchedule', config.sync.reconcileSchedule);
  try {
    new Intl.DateTimeFormat('en', { timeZone: config.sync.scheduleTimeZone });
  } catch {
    throw new ConfigError([
      `sync.scheduleTimeZone: ${JSON.stringify(config.sync.scheduleTimeZone)} is not an IANA time zone; use e.g. "UTC" or "Europe/Berlin".`,
    ]);
  }
}

function logPass(logger: Logger, job: string, summary: PassSummary): void {
  logger.info(`${job} pass done`, {
    rooms: summary.rooms,
    roomsFailed: summary.roomsFailed,
    eventsSeen: summary.eventsSeen,
    meetingsCreated: summary.meetingsCreated,
    meetingsUpdated: summary.meetingsUpdated,
    meetingsDeleted: summary.meetingsDeleted,
    linksWritten: summary.linksWritten,
    failed: summary.failed,
    deferred: summary.deferred,
    durationMs: Math.round(summary.durationMs),
  });
}
